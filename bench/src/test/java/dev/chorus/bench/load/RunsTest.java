package dev.chorus.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RunsTest {

    /** The repository's docs, from the module's directory, where Maven runs its tests. */
    private static final Path DOCS = Path.of("..", "docs");

    @TempDir
    Path dir;

    private static Row step(String scenario, String target, int size, int rate, double p50, double p99, long lost,
                            boolean lagGrows) {
        return new Row(scenario, target, size, rate, (long) rate * size, rate * 20L, lost, 0, p50, p99, p99 * 1.5,
                p99 * 2, lagGrows, 0, 0, Map.of());
    }

    private static Row floor(String scenario, double p50, double p99) {
        return new Row(scenario, "kafka", 1, 1000, 1000, 20000, 0, 0, p50, p99, p99 * 1.5, p99 * 2, false, 0, 0, Map.of());
    }

    private static void write(Path run, String name, Row... rows) throws IOException {
        Files.createDirectories(run);
        Files.writeString(run.resolve(name + ".jsonl"), List.of(rows).stream()
                .map(Scenarios.JSON::writeValueAsString).collect(Collectors.joining("\n", "", "\n")));
    }

    @Test
    void readsARunsTargetsAsItsReportDoes() throws Exception {
        Path run = dir.resolve("run-2026-12-07-2105");
        write(run, "chorus",
                step("latency", "chorus", 10, 1000, 13.2, 38.1, 0, false),
                step("latency", "chorus", 10, 2000, 67.2, 1700, 0, true),
                // 100,000 deliveries/s kept up but past the line; 50,000 is the most sustained
                step("max", "chorus", 100, 500, 20, 59.5, 0, false),
                step("max", "chorus", 100, 1000, 40, 697, 0, false),
                step(Report.REPEAT, "chorus", 10, 1000, 11.2, 28.7, 0, false),
                step(Report.REPEAT, "chorus", 10, 1000, 11.9, 28.0, 0, false),
                step(Report.REPEAT, "chorus", 10, 1000, 10.9, 24.3, 0, false),
                step(Report.REPEAT, "chorus", 10, 1000, 10.7, 25.1, 0, false));
        write(run, "floor", floor("floor-2hops", 7, 14.56), floor("floor-2hops-eos-10ms", 12, 26.0));
        write(run, "modes",
                step("modes", "chorus exactly_once_v2, commit 10ms, 1 thread(s)", 10, 1000, 11.6, 28.2, 0, false),
                step("modes", "chorus exactly_once_v2, commit 5ms, 1 thread(s)", 10, 1000, 11.2, 37.7, 0, false),
                step("modes", "chorus at_least_once, commit 10ms, 1 thread(s)", 10, 1000, 8.6, 36.6, 0, false));
        write(run, "chorus-idle",
                Row.idle("chorus", 0, 100L << 20, 300L << 20),
                Row.idle("chorus", 19_000, (100L << 20) + 19_000L * 4300, (300L << 20) + 19_000L * 17_100),
                Row.idle("chorus tomcat", 19_000, 19_000L * 22_000, 19_000L * 48_000));
        write(run, "peer", step("latency", "socket.io", 10, 1000, 0.4, 0.8, 0, false));

        assertThat(Runs.row(run)).isEqualTo("| 2026-12-07-2105 | Netty, 10 ms, linger 0 | 11.2 (median of 5)"
                + " | 28.0 (median of 5) | 18.2 | 26.0 | 11.6 / 28.2 | 8.6 / 36.6 | 67.2, falling behind | 50,000"
                + " | 4.2 / 16.7 at 19,000 | 0.4 / 0.8 |");
    }

    @Test
    void aRunWithOneStepAndWithoutTheLaterScenariosHasDashes() throws Exception {
        Path run = dir.resolve("run-2026-11-25-0125");
        write(run, "chorus", step("latency", "chorus", 10, 1000, 39.7, 119.6, 0, false),
                step("max", "chorus", 100, 250, 30, 240, 0, false));

        assertThat(Runs.row(run)).isEqualTo("| 2026-11-25-0125 | Tomcat, 20 ms, linger 5 ms | 39.7 | 119.6 | - | -"
                + " | - | - | - | 25,000 | - | - |");
    }

    @Test
    void roundsAsTheTableFirstDid() {
        assertThat(Runs.ms(0.25)).isEqualTo("0.2"); // a tie: half to even
        assertThat(Runs.ms(0.35)).isEqualTo("0.3"); // 0.34999... as a double
        assertThat(Runs.ms(15.65)).isEqualTo("15.7"); // 15.65000... as a double
        assertThat(Runs.ms(1.25 * 13.5)).isEqualTo("16.9");
    }

    @Test
    void theTableOfTheTargetsInPerformanceMdIsEveryKeptRunsRow() throws Exception {
        List<Path> kept = Runs.kept(DOCS.resolve("benchmarks/results"));
        assertThat(kept).isNotEmpty();

        String table = Runs.table(kept);

        assertThat(Files.readString(DOCS.resolve("PERFORMANCE.md")))
                .as("PERFORMANCE.md's table in \"The targets\" must be what `java -jar bench/target/chorus-bench-exec.jar"
                        + " runs` prints for docs/benchmarks/results/run-*")
                .contains(table);
    }
}
