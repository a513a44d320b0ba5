package dev.chorus.bench.load;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Turns the rows of a run into {@code docs/BENCHMARKS.md} and its two plots: a table per scenario with
 * Chorus beside the peer and the Kafka floor, the targets checked against what was measured, and the
 * machine and settings.
 */
public final class Report {

    /** The rows of the targets' step run again ({@code load --scenario=repeat}). */
    static final String REPEAT = "repeat";

    private final List<Row> rows;

    public Report(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    public static Report read(List<Path> files) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        rows.add(Scenarios.JSON.readValue(line, Row.class));
                    }
                }
            }
        }
        return new Report(rows);
    }

    /** Writes the markdown and, beside it in {@code plots}, the PNGs it shows. */
    public void write(Path markdown, Path plots, String machine, String command) throws IOException {
        Files.createDirectories(plots);
        latencyPlot(plots.resolve("latency-vs-load.png"));
        memoryPlot(plots.resolve("memory-vs-connections.png"));
        String relative = markdown.toAbsolutePath().getParent().relativize(plots.toAbsolutePath()).toString();
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Written by `").append(command).append("` (machine and method at [the end](#machine-and-settings)); every figure below is")
                .append(" from that one run. Latency is from a message's *scheduled* send time to its delivery")
                .append(" to a member's client (open model, so stalls are not hidden), in milliseconds.\n\n")
                .append("## Targets\n\n").append(targets()).append('\n').append(exactlyOnceFloor())
                .append("## 1. Latency at fixed load\n\n").append(latencyTable("latency")).append('\n')
                .append("![latency against offered load](").append(relative).append("/latency-vs-load.png)\n\n")
                .append(repeats())
                .append(modes())
                .append("## 2. Maximum sustained deliveries per second\n\n")
                .append("Groups of 100; the rate rises until p99 passes 250 ms, a delivery is lost or the backlog")
                .append(" keeps growing.\n\n").append(latencyTable("max")).append('\n')
                .append(cpuTable())
                .append("## 3. Idle connections on one server\n\n").append(idleTable()).append('\n')
                .append("![memory against connections](").append(relative).append("/memory-vs-connections.png)\n\n")
                .append("## 4. The Kafka floor\n\n").append(floorTable()).append('\n')
                .append("## Machine and settings\n\n").append(machine).append('\n')
                .append("What limits these figures, what was profiled and what was tried: [PERFORMANCE.md](PERFORMANCE.md).\n");
        Files.writeString(markdown, md.toString());
    }

    private String modes() {
        if (rows.stream().noneMatch(r -> r.scenario().equals("modes"))) {
            return "";
        }
        return "### Exactly-once against at-least-once, and the commit interval\n\n"
                + "The same step with the processor restarted under each setting (`chorus.processor.processing-guarantee`,"
                + " `chorus.processor.commit-interval`):\n\n" + latencyTable("modes") + "\n";
    }

    /** The repeats of the targets' step, where the run has them, for both systems. */
    private String repeats() {
        if (rows.stream().noneMatch(r -> r.scenario().equals(REPEAT))) {
            return "";
        }
        return "### 1,000 msg/s into groups of 10, again\n\n"
                + "The step the first targets are read from, run again on fresh connections after the steps above."
                + " One step on a box that every process shares is one sample of it, so the targets take the"
                + " median of all of them, the step in the table above included:\n\n" + latencyTable(REPEAT) + "\n";
    }

    String targets() {
        StringBuilder t = new StringBuilder("| target | measured | met |\n|---|---|---|\n");
        List<Row> steps = targetSteps();
        Optional<Row> floor1000 = find(r -> r.scenario().equals("floor-2hops") && r.rate() == 1000);
        if (!steps.isEmpty() && floor1000.isPresent()) {
            double bound = 1.25 * floor1000.get().p99();
            double p99 = median(steps, Row::p99);
            double p50 = median(steps, Row::p50);
            t.append(String.format(Locale.ROOT, "| 1,000 msg/s into groups of 10: p99 ≤ 1.25 × two-hop floor p99 (%.1f ms)"
                    + " | %s | %s |\n", bound, sampled(steps, Row::p99, p99, bound), mark(p99 <= bound)));
            t.append(String.format(Locale.ROOT, "| same: p50 ≤ 15 ms | %s | %s |\n", sampled(steps, Row::p50, p50, 15),
                    mark(p50 <= 15)));
            long lost = steps.stream().mapToLong(Row::lost).sum();
            long duplicated = steps.stream().mapToLong(Row::duplicated).sum();
            t.append(String.format(Locale.ROOT, "| same: no loss, no duplicate | %d lost, %d duplicated | %s |\n",
                    lost, duplicated, mark(lost == 0 && duplicated == 0)));
        }
        long sustained = mostSustained();
        t.append(String.format(Locale.ROOT, "| ≥ 50,000 deliveries/s sustained with p99 ≤ 250 ms | %,d deliveries/s | %s |\n",
                sustained, mark(sustained >= 50_000)));
        idleCost().ifPresent(idle -> {
            t.append(String.format(Locale.ROOT, "| ≥ 50,000 idle connections on one gateway | %,d | %s |\n",
                    idle.connections(), mark(idle.connections() >= 50_000)));
            t.append(String.format(Locale.ROOT, "| ≤ 12 KiB heap and ≤ 20 KiB RSS each | %.1f KiB heap, %.1f KiB RSS | %s |\n",
                    idle.heapKiB(), idle.rssKiB(), mark(idle.heapKiB() <= 12 && idle.rssKiB() <= 20)));
        });
        return t.toString();
    }

    /** The highest delivery rate that any of Chorus's steps of scenario 1 or 2 sustained; 0 if none did. */
    long mostSustained() {
        return rows.stream().filter(r -> (r.scenario().equals("max") || r.scenario().equals("latency"))
                && r.target().equals("chorus") && r.sustained()).mapToLong(Row::deliveries).max().orElse(0);
    }

    /**
     * What each idle connection cost one Chorus gateway, from its rows with none and with the most connections.
     *
     * @param connections the most the run held
     * @param heapKiB     heap after a full GC per connection, above the gateway's with none
     * @param rssKiB      resident set per connection, likewise
     */
    record IdleCost(int connections, double heapKiB, double rssKiB) {
    }

    /** Chorus's idle connections, where the run measured the gateway with none and with some. */
    Optional<IdleCost> idleCost() {
        Optional<Row> base = find(r -> r.scenario().equals("idle") && r.target().equals("chorus") && r.rate() == 0);
        Optional<Row> most = rows.stream().filter(r -> r.scenario().equals("idle") && r.target().equals("chorus"))
                .max(Comparator.comparingInt(Row::rate));
        if (base.isEmpty() || most.isEmpty() || most.get().rate() == 0) {
            return Optional.empty();
        }
        Row at = most.get();
        return Optional.of(new IdleCost(at.rate(), perConnection(base.get().heapBytes(), at.heapBytes(), at.rate()),
                perConnection(base.get().rssBytes(), at.rssBytes(), at.rate())));
    }

    /**
     * Chorus's steps at 1,000 msg/s into groups of 10 with the defaults, in the order they ran: the fixed-load
     * step and its repeats.
     */
    List<Row> targetSteps() {
        return rows.stream().filter(r -> (r.scenario().equals("latency") || r.scenario().equals(REPEAT))
                && r.target().equals("chorus") && r.groupSize() == 10 && r.rate() == 1000).toList();
    }

    static double median(List<Row> steps, ToDoubleFunction<Row> value) {
        double[] sorted = steps.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The median (one step's figure as it is), and for several steps each of them and how many were within. */
    private static String sampled(List<Row> steps, ToDoubleFunction<Row> value, double median, double bound) {
        if (steps.size() == 1) {
            return String.format(Locale.ROOT, "%.1f ms", median);
        }
        String each = steps.stream().map(r -> String.format(Locale.ROOT, "%.1f", value.applyAsDouble(r)))
                .collect(Collectors.joining(", "));
        long within = steps.stream().filter(r -> value.applyAsDouble(r) <= bound).count();
        return String.format(Locale.ROOT, "%.1f ms, the median of %d steps (%s; %d within)", median, steps.size(),
                each, within);
    }

    private String latencyTable(String scenario) {
        StringBuilder t = new StringBuilder("| group size | msg/s | offered deliveries/s | system | delivered/s | p50 | p99"
                + " | p99.9 | max | lost | duplicated |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        rows.stream().filter(r -> r.scenario().equals(scenario))
                .sorted(Comparator.comparingInt(Row::groupSize).thenComparingInt(Row::rate).thenComparing(Row::target))
                .forEach(r -> t.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %s | %,d | %.1f | %.1f | %.1f | %.1f | %d | %d |\n",
                        r.groupSize(), r.rate(), (long) r.rate() * r.groupSize(), r.target()
                                + (r.lagGrows() ? " (falling behind)" : ""), r.deliveries(), r.p50(), r.p99(),
                        r.p999(), r.max(), r.lost(), r.duplicated())));
        return t.toString();
    }

    /**
     * What each delivery cost each process, for the steps that measured it and kept up (a step that fell
     * behind made fewer deliveries than it is divided by).
     */
    String cpuTable() {
        List<Row> measured = rows.stream().filter(r -> !r.cpu().isEmpty() && r.keptUp())
                .sorted(Comparator.comparing(Row::target).thenComparing(Row::scenario)
                        .thenComparingInt(Row::groupSize).thenComparingInt(Row::rate))
                .toList();
        if (measured.isEmpty()) {
            return "";
        }
        List<String> processes = measured.stream().flatMap(r -> r.cpu().keySet().stream()).distinct().toList();
        StringBuilder t = new StringBuilder("### CPU per 1,000 deliveries\n\nMilliseconds of CPU each process used"
                + " over a step's measured seconds, per 1,000 deliveries offered in them (steps that kept up):\n\n"
                + "| system | scenario | group size | msg/s | " + String.join(" | ", processes) + " | all |\n|---|---|---|---|"
                + "---|".repeat(processes.size() + 1) + "\n");
        for (Row r : measured) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %d | %,d |", r.target(), r.scenario(), r.groupSize(), r.rate()));
            for (String process : processes) {
                Double ms = r.cpu().get(process);
                t.append(ms == null ? " - |" : String.format(Locale.ROOT, " %.1f |", ms));
            }
            t.append(String.format(Locale.ROOT, " %.1f |\n", r.cpu().values().stream().mapToDouble(Double::doubleValue).sum()));
        }
        return t.append('\n').toString();
    }

    private String idleTable() {
        StringBuilder t = new StringBuilder("| system | connections | heap after GC | RSS | heap per connection |"
                + " RSS per connection |\n|---|---|---|---|---|---|\n");
        for (String target : idleTargets()) {
            Optional<Row> base = find(r -> r.scenario().equals("idle") && r.target().equals(target) && r.rate() == 0);
            rows.stream().filter(r -> r.scenario().equals("idle") && r.target().equals(target))
                    .sorted(Comparator.comparingInt(Row::rate)).forEach(r -> t.append(String.format(Locale.ROOT,
                            "| %s | %,d | %.1f MiB | %.1f MiB | %s | %s |\n", target, r.rate(), r.heapBytes() / 1048576.0,
                            r.rssBytes() / 1048576.0, each(base, r, Row::heapBytes), each(base, r, Row::rssBytes))));
        }
        return t.toString();
    }

    private static String each(Optional<Row> base, Row r, java.util.function.ToLongFunction<Row> value) {
        if (base.isEmpty() || r.rate() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f KiB", perConnection(value.applyAsLong(base.get()), value.applyAsLong(r), r.rate()));
    }

    /**
     * Under exactly-once a delivery also waits for the processor's commit; where the run measured the two-hop
     * floor with its forward committed that way, says so beside the targets, as the p99 bound does not.
     */
    String exactlyOnceFloor() {
        String measured = rows.stream()
                .filter(r -> r.scenario().startsWith(KafkaFloor.EOS_SCENARIO) && r.rate() == 1000)
                .sorted(Comparator.comparingLong(Report::commitIntervalMs))
                .map(r -> String.format(Locale.ROOT, "every %d ms, p50 %.1f ms and p99 %.1f ms", commitIntervalMs(r),
                        r.p50(), r.p99()))
                .collect(Collectors.joining("; "));
        if (measured.isEmpty()) {
            return "";
        }
        return "Under `exactly_once_v2` (the default) a delivery is also held until the processor's transaction"
                + " commits. Kafka alone, with the forward between the two hops committed the same way, at 1,000"
                + " msg/s in this run: " + measured + " (the floor's table, below).\n\n";
    }

    private static long commitIntervalMs(Row r) {
        return KafkaFloor.commitIntervalMs(r.scenario());
    }

    private String floorTable() {
        StringBuilder t = new StringBuilder("| msg/s | path | p50 | p99 | p99.9 | max | lost |\n"
                + "|---|---|---|---|---|---|---|\n");
        // one hop, two, then two with the forward exactly-once by interval (floor-2hops-eos-5ms before -10ms)
        Comparator<String> byPath = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
        rows.stream().filter(r -> r.scenario().startsWith("floor"))
                .sorted(Comparator.comparingInt(Row::rate).thenComparing(Row::scenario, byPath))
                .forEach(r -> t.append(String.format(Locale.ROOT, "| %,d | %s | %.1f | %.1f | %.1f | %.1f | %d |\n",
                        r.rate(), floorPath(r), r.p50(), r.p99(), r.p999(), r.max(), r.lost())));
        return t.toString();
    }

    private static String floorPath(Row r) {
        if (r.scenario().equals("floor-1hop")) {
            return "produce → consume";
        }
        if (r.scenario().startsWith(KafkaFloor.EOS_SCENARIO)) {
            return "produce → forward in transactions, committed every " + commitIntervalMs(r) + " ms → consume";
        }
        return "produce → forward → consume";
    }

    private void latencyPlot(Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String scenario : List.of("latency", "max")) {
            for (String target : List.of("chorus", "socket.io")) {
                for (int size : rows.stream().filter(r -> r.scenario().equals(scenario)).mapToInt(Row::groupSize)
                        .distinct().sorted().toArray()) {
                    XYSeries p50 = new XYSeries(target + " p50, groups of " + size + " (" + scenario + ")");
                    XYSeries p99 = new XYSeries(target + " p99, groups of " + size + " (" + scenario + ")");
                    rows.stream().filter(r -> r.scenario().equals(scenario) && r.target().equals(target)
                            && r.groupSize() == size).forEach(r -> {
                                p50.add((double) r.rate() * r.groupSize(), Math.max(0.1, r.p50()));
                                p99.add((double) r.rate() * r.groupSize(), Math.max(0.1, r.p99()));
                            });
                    if (!p50.isEmpty()) {
                        data.addSeries(p50);
                        data.addSeries(p99);
                    }
                }
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Send-to-delivery latency against offered load",
                "offered deliveries/s", "latency (ms, log scale)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis latency = new LogAxis("latency (ms, log scale)");
        // a tick a decade, labelled in milliseconds (0.1, 1, 10, 100, 1,000) rather than as powers of ten
        latency.setTickUnit(new NumberTickUnit(1), false, true);
        latency.setNumberFormatOverride(new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        plot.setRangeAxis(latency);
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
    }

    private void memoryPlot(Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String target : idleTargets()) {
            XYSeries heap = new XYSeries(target + " heap after GC");
            XYSeries rss = new XYSeries(target + " RSS");
            rows.stream().filter(r -> r.scenario().equals("idle") && r.target().equals(target)).forEach(r -> {
                heap.add(r.rate(), r.heapBytes() / 1048576.0);
                rss.add(r.rate(), r.rssBytes() / 1048576.0);
            });
            if (!heap.isEmpty()) {
                data.addSeries(heap);
                data.addSeries(rss);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Server memory against idle connections", "connections",
                "MiB", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
    }

    /** Chorus as measured for the targets first, then any other build or transport of it, then the peer. */
    private List<String> idleTargets() {
        return rows.stream().filter(r -> r.scenario().equals("idle")).map(Row::target).distinct()
                .sorted(Comparator.comparing((String target) -> !target.equals("chorus"))
                        .thenComparing(target -> target.equals("socket.io"))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    Optional<Row> find(Predicate<Row> which) {
        return rows.stream().filter(which).findFirst();
    }

    private static double perConnection(long base, long at, int connections) {
        return (at - base) / 1024.0 / connections;
    }

    private static String mark(boolean met) {
        return met ? "yes" : "**no**";
    }
}
