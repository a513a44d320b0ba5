package dev.chorus.gateway.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code chorus.gateway.health.*}: when the readiness probe says the gateway cannot serve because of Kafka.
 *
 * @param unreachableAfter   how long the readers may hear nothing from any broker before the gateway counts
 *                           Kafka as unreachable; they fetch every half second while it is there, so this only
 *                           has to outlast a leader election
 * @param writeFailureWindow how long a failed command write keeps the gateway not ready when no write has
 *                           succeeded since; after it, the next write tries again (a gateway nobody is routed
 *                           to would otherwise never learn that Kafka is back)
 */
@ConfigurationProperties("chorus.gateway.health")
record KafkaHealthProperties(
        @DefaultValue("15s") Duration unreachableAfter,
        @DefaultValue("30s") Duration writeFailureWindow) {
}
