package dev.chorus.bench.load;

import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured step, as the report reads it back: latencies in milliseconds.
 *
 * @param scenario    {@code latency}, {@code repeat} (a latency step run again), {@code modes} (settings
 *                    compared), {@code max}, {@code floor-1hop}, {@code floor-2hops},
 *                    {@code floor-2hops-eos-10ms} (the forward committed every 10 ms) or {@code idle}
 * @param target      {@code chorus}, {@code socket.io} or {@code kafka}
 * @param rate        offered messages/s (idle: connections)
 * @param deliveries  deliveries per second achieved (idle: 0)
 * @param heapBytes   idle only: heap after a full GC
 * @param rssBytes    idle only: resident set size
 * @param cpu         load steps only: CPU milliseconds per 1,000 deliveries over the measured part, by process
 *                    (the generator and those named by {@code --cpu-of}); empty where not measured
 */
public record Row(String scenario, String target, int groupSize, int rate, long deliveries, long sent,
                  long lost, long duplicated, double p50, double p99, double p999, double max, boolean lagGrows,
                  long heapBytes, long rssBytes, Map<String, Double> cpu) {

    public Row {
        // rows written before the CPU was measured have none
        cpu = cpu == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(cpu));
    }

    static Row of(String scenario, LoadRun.Result r, long measuredSeconds, String label) {
        return new Row(scenario, label == null ? r.target() : label, r.members(), r.rate(), Math.round(r.delivered() / (double)
                (measuredSeconds)), r.sent(), r.lost(), r.duplicated(), r.p(50), r.p(99), r.p(99.9), r.max(),
                r.lagGrows(), 0, 0, r.cpuMsPerThousand());
    }

    /** @param sent the records sent after the warm-up, each of which {@code h} should count */
    static Row floor(String scenario, int rate, long sent, Histogram h) {
        return new Row(scenario, "kafka", 1, rate, rate, sent, Math.max(0, sent - h.getTotalCount()), 0,
                ms(h, 50), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0, false, 0, 0, Map.of());
    }

    static Row idle(String target, int connections, long heapBytes, long rssBytes) {
        return new Row("idle", target, 0, connections, 0, 0, 0, 0, 0, 0, 0, 0, false, heapBytes, rssBytes, Map.of());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Everything arrived within the drain and the backlog did not keep growing: the system kept up. */
    public boolean keptUp() {
        return lost == 0 && !lagGrows;
    }

    /** Within the targets' bound for a sustained rate: p99 at most 250 ms, nothing lost, no growing lag. */
    public boolean sustained() {
        return p99 <= 250 && lost == 0 && duplicated == 0 && !lagGrows;
    }
}
