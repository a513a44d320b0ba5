package dev.chorus.bench.load;

import dev.chorus.bench.Args;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time of named processes (the generator itself always among them) over a measured window, as
 * milliseconds of CPU per 1,000 deliveries. On a shared box a step's latency moves by a factor of two from
 * one run to the next; the CPU each delivery costs each process moves far less, so it is what shows
 * whether a change made a process cheaper.
 */
public final class CpuMeter {

    /** The generator's own row. */
    public static final String GENERATOR = "generator";

    private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();

    /** Only the generator. */
    public CpuMeter() {
        processes.put(GENERATOR, ProcessHandle.current());
    }

    /**
     * @param named {@code name:pid} pairs (as {@code --cpu-of=broker:123,processor:456} gives them)
     * @throws Args.UsageException for a pair that is not {@code name:pid}, or a pid with no running process
     */
    public static CpuMeter of(Iterable<String> named) {
        CpuMeter meter = new CpuMeter();
        for (String pair : named) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            long pid;
            try {
                if (colon <= 0) {
                    throw new NumberFormatException("no name before the pid");
                }
                pid = Long.parseLong(pair.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new Args.UsageException("--cpu-of takes name:pid pairs, not " + pair);
            }
            ProcessHandle process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .orElseThrow(() -> new Args.UsageException("--cpu-of: no process " + pid));
            meter.processes.put(pair.substring(0, colon), process);
        }
        return meter;
    }

    /** The CPU each process has used so far, and when this was read. */
    public Reading read() {
        Map<String, Duration> used = new LinkedHashMap<>();
        processes.forEach((name, process) -> used.put(name, process.info().totalCpuDuration().orElse(null)));
        return new Reading(System.nanoTime(), used);
    }

    public record Reading(long nanos, Map<String, Duration> used) {

        /**
         * CPU milliseconds each process used from {@code earlier} to this reading, per 1,000 of
         * {@code deliveriesPerSecond} over the same time; a process whose CPU could not be read is left out.
         */
        public Map<String, Double> perThousandSince(Reading earlier, double deliveriesPerSecond) {
            double seconds = (nanos - earlier.nanos) / 1e9;
            double thousands = deliveriesPerSecond * seconds / 1000;
            Map<String, Double> perThousand = new LinkedHashMap<>();
            used.forEach((name, now) -> {
                Duration before = earlier.used.get(name);
                if (now != null && before != null && thousands > 0) {
                    double ms = now.minus(before).toNanos() / 1e6;
                    perThousand.put(name, Math.round(ms / thousands * 100) / 100.0);
                }
            });
            return perThousand;
        }
    }
}
