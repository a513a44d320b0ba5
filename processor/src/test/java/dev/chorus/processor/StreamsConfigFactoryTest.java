package dev.chorus.processor;

import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The guarantees the processor relies on, held in place so that nobody turns them off unnoticed. */
class StreamsConfigFactoryTest {

    private final KafkaSettings kafka = new KafkaSettings("broker-1:9092,broker-2:9092", 6, (short) -1);
    private final ProcessorProperties processor = new ProcessorProperties("chorus-processor", "/var/lib/chorus",
            Duration.ofMillis(100), 1, 4_000, Duration.ofSeconds(30), Duration.ofSeconds(9), 3, "exactly_once_v2",
            Duration.ofMillis(5), 1, 50_000);

    private final Properties props = StreamsConfigFactory.create(kafka, processor);
    private final StreamsConfig config = new StreamsConfig(props);

    @Test
    void processesExactlyOnce() {
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    }

    @Test
    void producesIdempotentlyToAllReplicasAndConsumesOnlyCommittedRecords() {
        Map<String, Object> producer = config.getProducerConfigs("client");
        Map<String, Object> consumer = config.getMainConsumerConfigs("group", "client", 0);
        Map<String, Object> global = config.getGlobalConsumerConfigs("client");

        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        assertThat(consumer).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        assertThat(global).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    @Test
    void sendsWhatItCannotReadOrProcessToTheCommandsDeadLetterTopicAndGoesOn() {
        assertThat(config.getString(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo(Topics.COMMANDS_DEAD_LETTER.name()).isEqualTo("chorus.commands.dlq");
        assertThat(config.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(LogAndContinueExceptionHandler.class);
        assertThat(config.getClass(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(LogAndContinueProcessingExceptionHandler.class);
    }

    @Test
    void takesTheClusterAndTheInstanceFromTheSettings() {
        assertThat(config.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))
                .containsExactly("broker-1:9092", "broker-2:9092");
        assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("chorus-processor");
        assertThat(config.getString(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/chorus");
        assertThat(config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(-1);
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
        assertThat(config.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(config.getMainConsumerConfigs("group", "client", 0))
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 9_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    }

    @Test
    void aTaskNeverWaitsForDataOnAnEmptyPartition() {
        assertThat(config.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
    }

    @Test
    void theProducerLingersBrieflyNotStreamsOwnHundredMilliseconds() {
        assertThat(config.getProducerConfigs("client")).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    @Test
    void underExactlyOnceAPollLastsNoLongerThanTheCommitIntervalAndNeverLongerThanStreamsOwn() {
        assertThat(pollMs(Duration.ofMillis(10), "exactly_once_v2")).isEqualTo(10);
        assertThat(pollMs(Duration.ofMillis(100), "exactly_once_v2")).isEqualTo(100);
        assertThat(pollMs(Duration.ofSeconds(5), "exactly_once_v2")).isEqualTo(100);
        // where a commit makes nothing visible the poll is Streams' own, and no commit is asked for early
        assertThat(pollMs(Duration.ofMillis(10), "at_least_once")).isEqualTo(100);
        assertThat(properties(Duration.ofMillis(10), "exactly_once_v2").promptCommitMs()).isEqualTo(10);
        assertThat(properties(Duration.ofMillis(10), "at_least_once").promptCommitMs()).isZero();
    }

    @Test
    void aLongCommitIntervalRaisesTheTransactionTimeoutSoThatStreamsStarts() {
        // Streams refuses an interval longer than the producer's transaction timeout, 10 s by default
        assertThat(transactionTimeoutMs(Duration.ofMillis(10))).isEqualTo(10_000);
        assertThat(transactionTimeoutMs(Duration.ofSeconds(30))).isEqualTo(60_000);
    }

    private int transactionTimeoutMs(Duration commitInterval) {
        StreamsConfig streams = new StreamsConfig(
                StreamsConfigFactory.create(kafka, properties(commitInterval, "exactly_once_v2")));
        return (int) streams.getProducerConfigs("client").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
    }

    private long pollMs(Duration commitInterval, String guarantee) {
        return new StreamsConfig(StreamsConfigFactory.create(kafka, properties(commitInterval, guarantee)))
                .getLong(StreamsConfig.POLL_MS_CONFIG);
    }

    private static ProcessorProperties properties(Duration commitInterval, String guarantee) {
        return new ProcessorProperties("chorus-processor", "/var/lib/chorus", commitInterval, 1, 4_000,
                Duration.ofSeconds(30), Duration.ofSeconds(9), 3, guarantee, Duration.ofMillis(5), 1, 50_000);
    }

    @Test
    void atLeastOnceCanBeChosenForMeasuringButNothingElse() {
        ProcessorProperties alos = new ProcessorProperties("chorus-processor", "/var/lib/chorus",
                Duration.ofMillis(100), 1, 4_000, Duration.ofSeconds(30), Duration.ofSeconds(9), 3, "at_least_once",
                Duration.ofMillis(5), 1, 50_000);
        assertThat(new StreamsConfig(StreamsConfigFactory.create(kafka, alos))
                .getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProcessorProperties(null, null,
                        Duration.ofMillis(100), 1, 4_000, Duration.ofSeconds(30), Duration.ofSeconds(9), 3, "exactly_once",
                        Duration.ofMillis(5), 1, 50_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chorus.processor.processing-guarantee must be exactly_once_v2 or at_least_once");
    }
}
