package dev.chorus.analytics;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code streams} in {@code /actuator/health} and its readiness group: up while the job's Kafka Streams
 * run or rebalance, down once they failed for good or stopped.
 */
@Component("streams")
class StreamsHealth implements HealthIndicator {

    private final AnalyticsRuntime runtime;

    StreamsHealth(AnalyticsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = runtime.state();
        Health.Builder health = state != null && state.isRunningOrRebalancing() ? Health.up() : Health.down();
        return health.withDetail("state", state == null ? "NOT_STARTED" : state.name()).build();
    }
}
