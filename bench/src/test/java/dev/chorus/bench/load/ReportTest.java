package dev.chorus.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @TempDir
    Path dir;

    private static Row latency(String target, int size, int rate, double p50, double p99) {
        return new Row("latency", target, size, rate, (long) rate * size, rate * 20L, 0, 0, p50, p99, p99 * 1.5,
                p99 * 2, false, 0, 0, Map.of());
    }

    @Test
    void checksTheTargetsAgainstTheRowsAndWritesTablesAndPlots() throws Exception {
        List<Row> rows = List.of(
                latency("chorus", 10, 1000, 9.0, 48.0),
                latency("socket.io", 10, 1000, 0.4, 19.5),
                new Row("floor-2hops", "kafka", 1, 1000, 1000, 20000, 0, 0, 8, 40, 45, 60, false, 0, 0, Map.of()),
                new Row("max", "chorus", 100, 500, 50_000, 10_000, 0, 0, 20, 200, 230, 300, false, 0, 0, Map.of()),
                new Row("max", "chorus", 100, 750, 60_000, 15_000, 3, 0, 90, 900, 1200, 2000, true, 0, 0, Map.of()),
                Row.idle("chorus", 0, 100L << 20, 300L << 20),
                Row.idle("chorus", 50_000, (100L << 20) + 50_000L * 10 * 1024, (300L << 20) + 50_000L * 25 * 1024));
        Path markdown = dir.resolve("BENCHMARKS.md");

        new Report(rows).write(markdown, dir.resolve("plots"), "- Machine: test", "scripts/bench.sh");

        String md = Files.readString(markdown);
        assertThat(md).contains("| 1,000 msg/s into groups of 10: p99 ≤ 1.25 × two-hop floor p99 (50.0 ms) | 48.0 ms | yes |")
                .contains("| same: p50 ≤ 15 ms | 9.0 ms | yes |")
                // 750 msg/s lost some and fell behind, so 500 msg/s is the sustained figure
                .contains("| ≥ 50,000 deliveries/s sustained with p99 ≤ 250 ms | 50,000 deliveries/s | yes |")
                .contains("| ≤ 12 KiB heap and ≤ 20 KiB RSS each | 10.0 KiB heap, 25.0 KiB RSS | **no** |")
                .contains("chorus (falling behind)")
                .contains("- Machine: test");
        assertThat(dir.resolve("plots/latency-vs-load.png")).isNotEmptyFile();
        assertThat(dir.resolve("plots/memory-vs-connections.png")).isNotEmptyFile();
    }

    private static Row repeat(String target, double p50, double p99, long lost) {
        Row row = latency(target, 10, 1000, p50, p99);
        return new Row(Report.REPEAT, target, 10, 1000, row.deliveries(), row.sent(), lost, 0, p50, p99, row.p999(),
                row.max(), false, 0, 0, Map.of());
    }

    @Test
    void readsTheLatencyTargetsAsTheMedianOfTheStepAndItsRepeats() throws Exception {
        List<Row> rows = List.of(
                new Row("floor-2hops", "kafka", 1, 1000, 1000, 20000, 0, 0, 8, 20, 25, 30, false, 0, 0, Map.of()),
                latency("chorus", 10, 1000, 25.3, 241.7),
                latency("socket.io", 10, 1000, 0.5, 1.3),
                // another size and rate are not samples of the target's step
                latency("chorus", 100, 1000, 3000, 5000),
                repeat("chorus", 14.0, 24.0, 0),
                repeat("chorus", 12.0, 30.0, 2),
                repeat("chorus", 16.0, 22.0, 0),
                repeat("chorus", 13.0, 26.0, 0),
                repeat("socket.io", 0.4, 1.9, 0));
        Path markdown = dir.resolve("BENCHMARKS.md");

        new Report(rows).write(markdown, dir.resolve("plots"), "", "scripts/bench.sh");

        String md = Files.readString(markdown);
        // p99s 241.7, 24.0, 30.0, 22.0, 26.0: median 26.0, past the bound of 25.0, which two of five were within
        assertThat(md).contains("| 1,000 msg/s into groups of 10: p99 ≤ 1.25 × two-hop floor p99 (25.0 ms) | 26.0 ms,"
                        + " the median of 5 steps (241.7, 24.0, 30.0, 22.0, 26.0; 2 within) | **no** |")
                .contains("| same: p50 ≤ 15 ms | 14.0 ms, the median of 5 steps (25.3, 14.0, 12.0, 16.0, 13.0;"
                        + " 3 within) | yes |")
                .contains("| same: no loss, no duplicate | 2 lost, 0 duplicated | **no** |")
                .containsSubsequence("### 1,000 msg/s into groups of 10, again", "| 10 | 1,000 | 10,000 | chorus | 10,000 | 14.0 | 24.0 |",
                        "| 10 | 1,000 | 10,000 | chorus | 10,000 | 13.0 | 26.0 |",
                        "| 10 | 1,000 | 10,000 | socket.io | 10,000 | 0.4 | 1.9 |", "## 2. Maximum");
        assertThat(Report.median(rows.subList(4, 8), Row::p50)).isEqualTo(13.5);
    }

    @Test
    void setsTheFloorWithAnExactlyOnceForwardBesideTheTargetsAndInTheFloorsTable() throws Exception {
        List<Row> rows = List.of(
                latency("chorus", 10, 1000, 13.0, 33.0),
                new Row("floor-2hops", "kafka", 1, 1000, 1000, 20000, 0, 0, 9, 14, 20, 30, false, 0, 0, Map.of()),
                new Row("floor-2hops-eos-20ms", "kafka", 1, 1000, 1000, 20000, 0, 0, 21, 33, 40, 50, false, 0, 0, Map.of()),
                new Row("floor-2hops-eos-5ms", "kafka", 1, 1000, 1000, 20000, 0, 0, 12, 19, 25, 30, false, 0, 0, Map.of()),
                new Row("floor-2hops-eos-5ms", "kafka", 1, 100, 100, 2000, 0, 0, 11, 18, 25, 30, false, 0, 0, Map.of()),
                new Row("floor-1hop", "kafka", 1, 1000, 1000, 20000, 0, 0, 4, 7, 9, 12, false, 0, 0, Map.of()));
        Path markdown = dir.resolve("BENCHMARKS.md");

        new Report(rows).write(markdown, dir.resolve("plots"), "", "scripts/bench.sh");

        String md = Files.readString(markdown);
        assertThat(md).contains("at 1,000 msg/s in this run: every 5 ms, p50 12.0 ms and p99 19.0 ms;"
                        + " every 20 ms, p50 21.0 ms and p99 33.0 ms (the floor's table, below).")
                .containsSubsequence("| 1,000 | produce → consume | 4.0 |", "| 1,000 | produce → forward → consume | 9.0 |",
                        "| 1,000 | produce → forward in transactions, committed every 5 ms → consume | 12.0 |",
                        "| 1,000 | produce → forward in transactions, committed every 20 ms → consume | 21.0 |");
        assertThat(new Report(rows.subList(0, 2)).exactlyOnceFloor()).isEmpty();
    }

    @Test
    void listsEveryIdleTargetChorusFirstAndTheTargetsOnlyFromChorus() throws Exception {
        List<Row> rows = List.of(
                Row.idle("socket.io", 0, 10L << 20, 60L << 20),
                Row.idle("socket.io", 1_000, (10L << 20) + 1_000L * 10 * 1024, (60L << 20) + 1_000L * 14 * 1024),
                Row.idle("chorus on tomcat", 0, 20L << 20, 200L << 20),
                Row.idle("chorus on tomcat", 1_000, (20L << 20) + 1_000L * 21 * 1024, (200L << 20) + 1_000L * 44 * 1024),
                Row.idle("chorus", 0, 20L << 20, 200L << 20),
                Row.idle("chorus", 1_000, (20L << 20) + 1_000L * 4 * 1024, (200L << 20) + 1_000L * 15 * 1024));
        Path markdown = dir.resolve("IDLE.md");

        new Report(rows).write(markdown, dir.resolve("plots"), "", "scripts/bench.sh");

        String md = Files.readString(markdown);
        assertThat(md).contains("| ≤ 12 KiB heap and ≤ 20 KiB RSS each | 4.0 KiB heap, 15.0 KiB RSS | yes |");
        int chorus = md.indexOf("| chorus | 1,000 |");
        int tomcat = md.indexOf("| chorus on tomcat | 1,000 |");
        int peer = md.indexOf("| socket.io | 1,000 |");
        assertThat(chorus).isPositive().isLessThan(tomcat);
        assertThat(tomcat).isLessThan(peer);
        assertThat(md).contains("| chorus on tomcat | 1,000 | 40.5 MiB | 243.0 MiB | 21.0 KiB | 44.0 KiB |");
    }

    /** In the order given, as the meter and a row read back from JSON keep them (Map.of's order is any). */
    private static Map<String, Double> cpu(String first, double firstMs, String second, double secondMs) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put(first, firstMs);
        cpu.put(second, secondMs);
        return cpu;
    }

    @Test
    void tabulatesTheCpuOfTheStepsThatKeptUpAndOldRowsWithoutIt() throws Exception {
        Row measured = new Row("max", "chorus", 100, 250, 25_000, 5_000, 0, 0, 40, 110, 140, 180, false, 0, 0,
                Map.of("generator", 20.0));
        Row behind = new Row("max", "chorus", 100, 500, 40_000, 10_000, 9, 0, 900, 3000, 3100, 3200, true, 0, 0,
                cpu("generator", 18.0, "broker", 9.0));
        Row withBroker = new Row("latency", "chorus", 10, 100, 1_000, 2_000, 0, 0, 20, 60, 70, 80, false, 0, 0,
                cpu("generator", 30.0, "broker", 14.5));
        // a row of a run before the CPU was measured, as the report reads it back
        Row old = Scenarios.JSON.readValue("{\"scenario\":\"max\",\"target\":\"socket.io\",\"groupSize\":100,"
                + "\"rate\":250,\"deliveries\":25000,\"sent\":5000,\"lost\":0,\"duplicated\":0,\"p50\":1,\"p99\":5,"
                + "\"p999\":6,\"max\":7,\"lagGrows\":false,\"heapBytes\":0,\"rssBytes\":0}", Row.class);

        String table = new Report(List.of(measured, behind, withBroker, old)).cpuTable();

        assertThat(old.cpu()).isEmpty();
        assertThat(table).contains("| system | scenario | group size | msg/s | generator | broker | all |")
                .contains("| chorus | latency | 10 | 100 | 30.0 | 14.5 | 44.5 |")
                .contains("| chorus | max | 100 | 250 | 20.0 | - | 20.0 |")
                .doesNotContain("| 500 |")
                .doesNotContain("socket.io");
        assertThat(new Report(List.of(old)).cpuTable()).isEmpty();
    }
}
