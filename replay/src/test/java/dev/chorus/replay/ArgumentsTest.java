package dev.chorus.replay;

import dev.chorus.replay.Arguments.Command;
import dev.chorus.replay.Arguments.Position;
import dev.chorus.replay.Arguments.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {

    @Test
    void exportTakesAGroupARangeAndAFile() {
        Arguments args = Arguments.parse("export", "--bootstrap-servers=k1:9092,k2:9092", "--group=g-1",
                "--from-offset=3", "--to-time=2026-11-24T10:15:30+01:00", "--out=events.jsonl");

        assertThat(args.command()).isEqualTo(Command.EXPORT);
        assertThat(args.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(args.group()).contains("g-1");
        assertThat(args.from()).contains(new Position.Offset(3));
        assertThat(args.to()).contains(new Position.Time(Instant.parse("2026-11-24T09:15:30Z"), false));
        assertThat(args.out()).contains(Path.of("events.jsonl"));
    }

    @Test
    void rebuildAsOfATimeIncludesThatTime() {
        Arguments args = Arguments.parse("rebuild", "--as-of-time=2026-11-24T10:15:30Z");

        assertThat(args.to()).contains(new Position.Time(Instant.parse("2026-11-24T10:15:30Z"), true));
        assertThat(args.from()).isEmpty();
    }

    @Test
    void rebuildAsOfAnOffsetIsAPositionToStopAt() {
        assertThat(Arguments.parse("rebuild", "--as-of-offset=12").to()).contains(new Position.Offset(12));
    }

    @Test
    void everyOptionHasADefault() {
        Arguments args = Arguments.parse("verify");

        assertThat(args.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(args.applicationId()).isEqualTo("chorus-processor");
        assertThat(args.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(args.group()).isEmpty();
        assertThat(args.quiet()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "2m, PT2M", "PT1M30S, PT1M30S"})
    void timeoutsAreReadInTheUsualUnits(String given, String expected) {
        assertThat(Arguments.parse("verify", "--timeout=" + given, "--quiet").timeout())
                .isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                                             | no command given",
            "replay                                           | unknown command 'replay'",
            "export g-1                                       | unexpected argument 'g-1'",
            "export --group                                   | --group needs a value",
            "export --group=                                  | --group needs a value",
            "export --group=a --group=b                       | --group given twice",
            "export --as-of-offset=3                          | 'export' takes no option --as-of-offset",
            "rebuild --from-offset=3                          | 'rebuild' takes no option --from-offset",
            "verify --group=g-1                               | 'verify' takes no option --group",
            "export --from-offset=-1                          | --from-offset must not be negative",
            "export --from-offset=1.5                         | --from-offset=1.5 is not an offset",
            "export --from-time=yesterday                     | --from-time=yesterday is not an ISO-8601 time",
            "export --from-time=2026-11-24T10:15:30           | is not an ISO-8601 time with a zone",
            "export --from-offset=1 --from-time=2026-11-24T10:15:30Z | --from-time and --from-offset exclude each other",
            "rebuild --as-of-offset=1 --as-of-time=2026-11-24T10:15:30Z | --as-of-time and --as-of-offset exclude each other",
            "export --from-offset=9 --to-offset=3             | --from-offset=9 is after --to-offset=3",
            "verify --timeout=soon                            | --timeout=soon is not a duration",
            "verify --timeout=0s                              | --timeout=0s is not a duration",
            "verify --quiet=yes                               | --quiet takes no value"})
    void aBadCommandLineSaysWhatIsWrong(String line, String message) {
        String[] args = line.isBlank() ? new String[0] : line.trim().split("\\s+");

        assertThatThrownBy(() -> Arguments.parse(args)).isInstanceOf(UsageException.class).hasMessageContaining(message);
    }

    @Test
    void aBadCommandLineExitsWith2AndPrintsTheUsageOnStandardError() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int exit = ReplayCli.run(new String[]{"export", "--to-offset=many"}, print(out), print(err));

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("replay: --to-offset=many is not an offset")
                .contains("usage: java -jar chorus-replay.jar <command>");
    }

    @Test
    void helpPrintsTheUsageOnStandardOutputAndSucceeds() {
        var out = new ByteArrayOutputStream();

        assertThat(ReplayCli.run(new String[]{"rebuild", "--help"}, print(out), print(new ByteArrayOutputStream())))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rebuild  fold the events");
        assertThat(Arguments.parse("help").command()).isEqualTo(Command.HELP);
        assertThat(Arguments.parse("export", "-h").group()).isEqualTo(Optional.empty());
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
