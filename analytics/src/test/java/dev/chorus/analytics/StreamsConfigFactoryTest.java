package dev.chorus.analytics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The guarantees the job's counts rely on, held in place so that nobody turns them off unnoticed. */
class StreamsConfigFactoryTest {

    private final KafkaSettings kafka = new KafkaSettings("broker-1:9092,broker-2:9092", 6, (short) 3);
    private final AnalyticsProperties analytics = new AnalyticsProperties("chorus-analytics", "/var/lib/analytics",
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5),
            Duration.ofSeconds(30));

    private final StreamsConfig config = new StreamsConfig(StreamsConfigFactory.create(kafka, analytics));

    @Test
    void processesExactlyOnce() {
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    }

    @Test
    void readsOnlyCommittedEventsFromTheBeginning() {
        Map<String, Object> consumer = config.getMainConsumerConfigs("group", "client", 0);

        // the processor writes chorus.events in transactions: events of aborted ones must not count
        assertThat(consumer).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    @Test
    void sendsWhatItCannotReadToItsDeadLetterTopicAndGoesOn() {
        assertThat(config.getString(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo("chorus.analytics.dlq");
        assertThat(config.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(LogAndContinueExceptionHandler.class);
    }

    @Test
    void takesTheClusterAndTheInstanceFromTheSettings() {
        assertThat(config.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))
                .containsExactly("broker-1:9092", "broker-2:9092");
        assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("chorus-analytics");
        assertThat(config.getString(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/analytics");
        assertThat(config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1_000L);
    }

    @Test
    void aCommitIntervalOfAMinuteStartsWithATransactionTimeoutOfTwo() {
        AnalyticsProperties everyMinute = new AnalyticsProperties("chorus-analytics", "/var/lib/analytics",
                Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofSeconds(30));
        // Streams refuses an interval longer than the producer's transaction timeout, 10 s by default
        StreamsConfig streams = new StreamsConfig(StreamsConfigFactory.create(kafka, everyMinute));
        assertThat(streams.getProducerConfigs("client")).containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                120_000);
        assertThat(config.getProducerConfigs("client")).containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                10_000);
    }
}
