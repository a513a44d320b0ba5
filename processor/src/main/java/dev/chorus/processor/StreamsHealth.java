package dev.chorus.processor;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The processor's probes, from the state of its Kafka Streams (kept by Streams itself: reading it waits for
 * nothing).
 *
 * <ul>
 *   <li>Readiness ({@code streams}): UP only while RUNNING. CREATED (starting, restoring nothing yet) and
 *       REBALANCING (partitions moving, state being restored) are alive but not ready: commands wait in Kafka
 *       meanwhile, nothing is lost.</li>
 *   <li>Liveness ({@code streamsLiveness}): DOWN in PENDING_ERROR and ERROR (the stream threads died past
 *       {@code max-thread-replacements}), and in PENDING_SHUTDOWN or NOT_RUNNING that nobody asked for: the
 *       streams have stopped for good and only a new process brings them back.</li>
 * </ul>
 */
public final class StreamsHealth {

    private StreamsHealth() {
    }

    /** The readiness indicator of a runtime; public so that the one-JVM run can show it on its gateway. */
    public static HealthIndicator readiness(ProcessorRuntime runtime) {
        return () -> readinessOf(runtime.state());
    }

    /** The liveness indicator of a runtime. */
    public static HealthIndicator liveness(ProcessorRuntime runtime) {
        return () -> livenessOf(runtime.state(), runtime.stopRequested());
    }

    /** @param state null before the streams are made */
    static Health readinessOf(KafkaStreams.State state) {
        Health.Builder health = state == KafkaStreams.State.RUNNING ? Health.up() : Health.down();
        return health.withDetail("state", state == null ? "NOT_STARTED" : state.name()).build();
    }

    static Health livenessOf(KafkaStreams.State state, boolean stopRequested) {
        boolean dead = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || (!stopRequested && (state == KafkaStreams.State.PENDING_SHUTDOWN
                || state == KafkaStreams.State.NOT_RUNNING));
        Health.Builder health = dead ? Health.down() : Health.up();
        return health.withDetail("state", state == null ? "NOT_STARTED" : state.name()).build();
    }
}
