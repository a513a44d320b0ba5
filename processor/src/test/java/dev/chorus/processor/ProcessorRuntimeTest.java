package dev.chorus.processor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What can be said of the runtime without a broker; the standalone module's tests run it for real. */
class ProcessorRuntimeTest {

    private final ProcessorRuntime runtime = new ProcessorRuntime(new KafkaSettings("localhost:9092", 6, (short) -1),
            new ProcessorProperties(null, null, Duration.ofMillis(100), 0, 4_000, Duration.ofSeconds(1),
                    Duration.ofSeconds(10), 3, "exactly_once_v2", Duration.ofMillis(5), 1, 50_000), new SimpleMeterRegistry(),
            new CommandMetrics(new SimpleMeterRegistry()));

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
    void beforeItStartsItIsAliveButNotReady() {
        assertThat(runtime.state()).isNull();
        assertThat(StreamsHealth.readiness(runtime).health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(StreamsHealth.liveness(runtime).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void stoppingARuntimeThatNeverStartedDoesNothing() {
        runtime.stop();

        assertThat(runtime.isRunning()).isFalse();
    }
}
