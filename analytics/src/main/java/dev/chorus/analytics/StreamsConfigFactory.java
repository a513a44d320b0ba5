package dev.chorus.analytics;

import dev.chorus.analytics.topology.AnalyticsTopology;
import dev.chorus.topic.TransactionTimeout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/**
 * The Kafka Streams settings of the job. The guarantees are fixed here and held by a test:
 * exactly_once_v2, which also reads {@code chorus.events} read_committed (the processor writes it in
 * transactions: a reader that is not read_committed would count events of aborted ones) and makes every
 * closed window appear exactly once; and reading from the earliest offset, so a new application id counts
 * the whole log.
 */
final class StreamsConfigFactory {

    private StreamsConfigFactory() {
    }

    static Properties create(KafkaSettings kafka, AnalyticsProperties analytics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, analytics.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, analytics.stateDir());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, analytics.commitInterval().toMillis());
        // or Streams refuses to start with an interval longer than 10 s
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) TransactionTimeout.forCommitInterval(analytics.commitInterval()).toMillis());
        // exactly_once_v2 implies it; spelled out because counting aborted events is the mistake to avoid
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(AnalyticsTopology.deadLetterConfig());
        return props;
    }
}
