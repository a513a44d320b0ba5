package dev.chorus.processor;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What can be said of the runtime without a broker; the standalone module's tests run it for real. */
class ProcessorRuntimeTest {

    private final ProcessorRuntime runtime = new ProcessorRuntime(new KafkaSettings("localhost:9092", 6, (short) -1),
            new ProcessorProperties(null, null, Duration.ofMillis(100), 0, 4_000, Duration.ofSeconds(1),
                    Duration.ofSeconds(10), 3));

    @Test
    void isNotRunningBeforeItIsStarted() {
        assertThat(runtime.isRunning()).isFalse();
    }

    @Test
    void awaitRunningGivesUpAtTheTimeoutWhenNeverStarted() {
        long started = System.nanoTime();

        assertThat(runtime.awaitRunning(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void stoppingARuntimeThatNeverStartedDoesNothing() {
        runtime.stop();

        assertThat(runtime.isRunning()).isFalse();
    }
}
