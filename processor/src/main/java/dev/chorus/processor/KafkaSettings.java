package dev.chorus.processor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka cluster, read from {@code chorus.kafka.*} by the processor and the gateway alike.
 *
 * @param topicPartitions   partitions of the topics Chorus creates
 * @param replicationFactor replication of the topics Chorus creates, and of the processor's internal
 *                          topics; -1 is the broker's default
 */
@ConfigurationProperties("chorus.kafka")
record KafkaSettings(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue("6") int topicPartitions,
        @DefaultValue("-1") short replicationFactor) {
}
