package dev.chorus.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka cluster, read from {@code chorus.kafka.*} as the processor and the gateway read it.
 *
 * @param topicPartitions   partitions of the topics this job creates when they are missing
 * @param replicationFactor replication of those topics and of the job's internal topics; -1 is the
 *                          broker's default
 */
@ConfigurationProperties("chorus.kafka")
record KafkaSettings(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue("6") int topicPartitions,
        @DefaultValue("-1") short replicationFactor) {
}
