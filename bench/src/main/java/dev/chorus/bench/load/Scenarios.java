package dev.chorus.bench.load;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Scenarios 1 and 2 against one target: latency at fixed rates into groups of each size, then the rate
 * raised, in groups of 100, until p99 passes 250 ms, something is lost or the lag keeps growing. Every
 * step is appended to a JSON Lines file as a {@link Row} as soon as it is measured.
 */
public final class Scenarios {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Supplier<ChatTarget> targets;
    private final Path out;
    private final Duration warmUp;
    private final Duration measure;
    private final Duration prime;
    private final Duration drain = Duration.ofSeconds(10);
    /** After the drain, how long a step may wait (unrecorded) for its backlog before the next begins. */
    private final Duration settle = Duration.ofSeconds(90);
    private final String label;
    private final CpuMeter cpu;

    /**
     * @param prime how long to send at half the first rate, unrecorded, after connecting: a server just
     *              started (cold JIT, empty caches) would otherwise begin the first step behind and spend it
     *              catching up, which measures the restart rather than the setting
     * @param label names the target in the rows (e.g. "chorus at_least_once"); null for its own name
     * @param cpu   whose CPU per delivery each step reports
     */
    public Scenarios(Supplier<ChatTarget> targets, Path out, Duration warmUp, Duration measure, Duration prime,
                     String label, CpuMeter cpu) {
        this.targets = targets;
        this.out = out;
        this.warmUp = warmUp;
        this.measure = measure;
        this.prime = prime;
        this.label = label;
        this.cpu = cpu;
    }

    /** Groups enough that no user sends more than 5 messages/s (Chorus allows 20/s per connection). */
    static int groupsFor(int groupSize, int highestRate) {
        return Math.max(highestRate <= 0 ? 1 : (int) Math.ceil(highestRate / 5.0 / groupSize), 1);
    }

    /** Scenario 1; {@code scenario} names the rows ("latency", or "modes" when comparing settings). */
    public void latency(String scenario, List<Integer> groupSizes, List<Integer> rates) throws Exception {
        int highest = rates.stream().max(Integer::compare).orElse(1);
        for (int size : groupSizes) {
            int groups = groupsFor(size, highest);
            try (ChatTarget target = targets.get()) {
                LoadRun load = connect(target, groups, size);
                prime(load, rates.get(0));
                for (int rate : rates) {
                    if (!step(scenario, load, rate).keptUp()) {
                        say(target.name() + ": groups of " + size + " fell behind at " + rate
                                + " msg/s; the higher rates are not run");
                        break;
                    }
                }
            }
        }
    }

    /** Returns the highest rate that was sustained. */
    public int max(int groupSize, List<Integer> rates) throws Exception {
        int highest = rates.stream().max(Integer::compare).orElse(1);
        int sustained = 0;
        try (ChatTarget target = targets.get()) {
            LoadRun load = connect(target, groupsFor(groupSize, highest), groupSize);
            prime(load, rates.get(0));
            for (int rate : rates) {
                Row row = step("max", load, rate);
                if (!row.sustained()) {
                    break;
                }
                sustained = rate;
            }
        }
        return sustained;
    }

    private LoadRun connect(ChatTarget target, int groups, int size) throws Exception {
        say(target.name() + ": connecting " + groups * size + " users in " + groups + " groups of " + size);
        long started = System.nanoTime();
        LoadRun load = new LoadRun(target, groups, size, cpu);
        target.connect(groups, size, load.listener());
        say(target.name() + ": connected in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        return load;
    }

    private void prime(LoadRun load, int firstRate) throws InterruptedException {
        if (prime.isZero()) {
            return;
        }
        int rate = Math.max(1, firstRate / 2);
        LoadRun.Result result = load.run(rate, Duration.ZERO, prime, drain, settle, 100);
        say(String.format("primed with %d s at %d msg/s (not recorded): p99 %.1f ms, %d lost", prime.toSeconds(),
                rate, result.p(99), result.lost()));
    }

    private Row step(String scenario, LoadRun load, int rate) throws Exception {
        LoadRun.Result result = load.run(rate, warmUp, measure, drain, settle, 100);
        Row row = Row.of(scenario, result, warmUp.toSeconds() + measure.toSeconds(), label);
        say(String.format("%s %s: %d msg/s into groups of %d: %d deliveries/s, p50 %.1f ms, p99 %.1f ms,"
                        + " p99.9 %.1f ms, max %.1f ms, %d lost, %d duplicated%s", scenario, row.target(), rate,
                row.groupSize(), row.deliveries(), row.p50(), row.p99(), row.p999(), row.max(), row.lost(),
                row.duplicated(), row.lagGrows() ? ", lag growing" : ""));
        if (!row.cpu().isEmpty()) {
            say("  CPU ms per 1,000 deliveries: " + row.cpu());
        }
        append(out, row);
        return row;
    }

    static void append(Path out, Row row) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JSON.writeValueAsString(row) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    static void say(String line) {
        System.out.println("bench: " + line);
    }
}
