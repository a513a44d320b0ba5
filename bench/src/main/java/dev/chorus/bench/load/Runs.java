package dev.chorus.bench.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every full run of {@code scripts/bench.sh} that was kept, a row each: the table in PERFORMANCE.md's "The
 * targets". Each run's figures are read by the rules {@link Report} reads the targets by, so the table and a
 * new run's BENCHMARKS.md agree. Latencies in ms.
 */
public final class Runs {

    /** Where each full run's rows are kept, as {@code run-<day>-<time>}. */
    public static final Path KEPT = Path.of("docs/benchmarks/results");

    static final String HEADER = "| run | Chorus: transport, commit interval, gateway linger | p50 at 1,000 msg/s × 10"
            + " | p99 at 1,000 msg/s × 10 | p99 bound (1.25 × two-hop floor) | exactly-once floor p99"
            + " | modes step, exactly-once at 10 ms, p50 / p99 | at-least-once p50 / p99 | p50 at 2,000 msg/s × 10"
            + " | most deliveries/s sustained | idle KiB heap / RSS each | the peer at 1,000 msg/s × 10, p50 / p99 |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|\n";

    /** The files of a run that the row is read from. */
    private static final List<String> FILES = List.of("chorus", "chorus-idle", "floor", "modes", "peer");

    /**
     * What Chorus ran with, as the commits of the day set it: the transport its clients used, the processor's
     * commit interval and the gateways' command linger, from the run named first. Runs after the last are as it
     * is.
     */
    private static final List<Defaults> SETTINGS = List.of(
            new Defaults("2026-11-25", "Tomcat, 20 ms, linger 5 ms"),
            new Defaults("2026-12-06-1328", "Netty, 20 ms, linger 5 ms"),
            new Defaults("2026-12-06-1945", "Netty, 10 ms, linger 0"));

    /** @param since the first run (a prefix of its stamp) that ran with {@code settings} */
    private record Defaults(String since, String settings) {
    }

    private Runs() {
    }

    /** The runs kept under {@code results}, oldest first. */
    public static List<Path> kept(Path results) throws IOException {
        try (Stream<Path> entries = Files.list(results)) {
            return entries.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("run-"))
                    .sorted().toList();
        }
    }

    /** The table, a row per run in the order given. */
    public static String table(List<Path> runs) throws IOException {
        StringBuilder t = new StringBuilder(HEADER);
        for (Path run : runs) {
            t.append(row(run)).append('\n');
        }
        return t.toString();
    }

    /** One run's row. */
    static String row(Path run) throws IOException {
        String stamp = run.getFileName().toString().replaceFirst("^run-", "");
        Report report = Report.read(FILES.stream().map(name -> run.resolve(name + ".jsonl")).toList());

        List<Row> steps = report.targetSteps();
        Optional<Row> twoHops = report.find(r -> r.scenario().equals("floor-2hops") && r.rate() == 1000);
        Optional<Row> eos = report.find(r -> r.scenario().equals(KafkaFloor.EOS_SCENARIO + "10ms") && r.rate() == 1000);
        Optional<Row> eos10 = report.find(r -> r.target().equals("chorus exactly_once_v2, commit 10ms, 1 thread(s)"));
        Optional<Row> alo = report.find(r -> r.scenario().equals("modes") && r.target().startsWith("chorus at_least_once"));
        Optional<Row> at2000 = latencyStepIntoTens(report, "chorus", 2000);
        Optional<Row> peer = latencyStepIntoTens(report, "socket.io", 1000);

        List<String> cells = new ArrayList<>();
        cells.add(stamp);
        cells.add(settings(stamp));
        cells.add(sampled(steps, Row::p50));
        cells.add(sampled(steps, Row::p99));
        cells.add(twoHops.map(r -> ms(1.25 * r.p99())).orElse("-"));
        cells.add(eos.map(r -> ms(r.p99())).orElse("-"));
        cells.add(eos10.map(Runs::p50AndP99).orElse("-"));
        cells.add(alo.map(Runs::p50AndP99).orElse("-"));
        cells.add(at2000.map(r -> ms(r.p50()) + (r.keptUp() ? "" : ", falling behind")).orElse("-"));
        cells.add(String.format(Locale.ROOT, "%,d", report.mostSustained()));
        cells.add(report.idleCost().map(idle -> String.format(Locale.ROOT, "%s / %s at %,d", ms(idle.heapKiB()),
                ms(idle.rssKiB()), idle.connections())).orElse("-"));
        cells.add(peer.map(Runs::p50AndP99).orElse("-"));
        return "| " + String.join(" | ", cells) + " |";
    }

    /** The fixed-load step of {@code target} at {@code rate} msg/s into groups of 10. */
    private static Optional<Row> latencyStepIntoTens(Report report, String target, int rate) {
        return report.find(r -> r.scenario().equals("latency") && r.target().equals(target) && r.groupSize() == 10
                && r.rate() == rate);
    }

    private static String settings(String stamp) {
        String chosen = SETTINGS.get(0).settings();
        for (Defaults defaults : SETTINGS) {
            if (stamp.compareTo(defaults.since()) >= 0) {
                chosen = defaults.settings();
            }
        }
        return chosen;
    }

    /** One step's figure as it is, or the median of several and how many. */
    private static String sampled(List<Row> steps, Function<Row, Double> value) {
        if (steps.isEmpty()) {
            return "-";
        }
        if (steps.size() == 1) {
            return ms(value.apply(steps.get(0)));
        }
        return ms(Report.median(steps, value::apply)) + " (median of " + steps.size() + ")";
    }

    private static String p50AndP99(Row r) {
        return ms(r.p50()) + " / " + ms(r.p99());
    }

    /**
     * To one decimal, the double's exact value rounded half to even, as Python's {@code :.1f} rounds (the table's
     * first rows were printed by a script in it); {@code %.1f} rounds the shortest decimal that reads back as
     * the double instead, and can differ by 0.1 from it.
     */
    static String ms(double value) {
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}
