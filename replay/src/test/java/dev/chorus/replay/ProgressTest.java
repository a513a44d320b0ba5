package dev.chorus.replay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, nanos::get);

    @Test
    void reportsRecordsOfTheTotalAndTheRateAtMostOnceASecond() {
        progress.start("chorus.events", 10_000);

        nanos.set(400_000_000L);
        progress.advance(1_000);
        nanos.set(2_000_000_000L);
        progress.advance(3_000);
        nanos.set(2_500_000_000L);
        progress.advance(1_000);

        assertThat(lines()).containsExactly("chorus.events: 4,000 / 10,000 records (40%), 2,000 records/s");
    }

    @Test
    void endsWithTheCountAndTheTime() {
        progress.start("chorus.events", 10);
        progress.advance(10);
        nanos.set(1_500_000_000L);

        progress.done();

        assertThat(lines()).containsExactly("chorus.events: 10 records in 1.5 s");
    }

    @Test
    void saysNothingWhenQuiet() {
        Progress quiet = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false, nanos::get);
        quiet.start("chorus.events", 1);
        nanos.set(5_000_000_000L);
        quiet.advance(1);
        quiet.done();

        assertThat(err.size()).isZero();
    }

    private List<String> lines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
