package dev.chorus.gateway.kafka;

import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.KafkaSettings;
import dev.chorus.gateway.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery guarantees of the gateway, held in place: change them here only on purpose. */
class KafkaClientConfigTest {

    private final KafkaClientConfig config = configWith(Map.of());

    @Test
    void commandsAreWrittenIdempotentlyAndAcknowledgedByAllInSyncReplicas() {
        Map<String, Object> producer = config.commandProducer();

        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
                .doesNotContainKey(ProducerConfig.RETRIES_CONFIG);
        assertThat(producer.get(ProducerConfig.CLIENT_ID_CONFIG)).asString().startsWith("gw-1");
    }

    @Test
    void aConnectionsCommandsKeepTheirOrderThroughRetries() {
        Map<String, Object> producer = config.commandProducer();

        assertThat(producer).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        assertThat((Integer) producer.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isBetween(1, 5);
    }

    @Test
    void theProducerTimeoutsAreOnesKafkaAccepts() {
        Map<String, Object> producer = config.commandProducer();
        long linger = ((Number) producer.get(ProducerConfig.LINGER_MS_CONFIG)).longValue();
        long request = ((Number) producer.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)).longValue();
        long delivery = ((Number) producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).longValue();

        assertThat(delivery).isGreaterThanOrEqualTo(linger + request);
        // Validates every value the way KafkaProducer would, without connecting anywhere.
        new ProducerConfig(withSerializers(producer));
    }

    @Test
    void aCommandIsSentAtOnceUnlessALingerIsConfigured() {
        // Kafka's own default linger is 5 ms, which every message's median paid (docs/PERFORMANCE.md)
        assertThat(config.commandProducer()).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0L);
        assertThat(config.typingProducer(Duration.ofSeconds(6))).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0L);

        KafkaClientConfig lingering = configWith(Map.of("chorus.gateway.kafka.producer-linger", "5ms"));
        assertThat(lingering.commandProducer()).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5L);
        new ProducerConfig(withSerializers(lingering.commandProducer()));
    }

    @Test
    void deliveriesAreReadCommittedWithoutAConsumerGroup() {
        Map<String, Object> consumer = config.deliveriesConsumer();

        assertThat(consumer).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
    }

    @Test
    void deliveriesAreReadUncommittedOnlyWhenConfiguredSo() {
        KafkaClientConfig uncommitted = configWith(Map.of("chorus.gateway.kafka.deliveries-isolation",
                "read-uncommitted"));

        assertThat(uncommitted.deliveriesConsumer())
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        assertThat(configWith(Map.of("chorus.gateway.kafka.deliveries-isolation", "READ_COMMITTED"))
                .deliveriesConsumer()).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Validates the value the way KafkaConsumer would.
        new ConsumerConfig(withDeserializers(uncommitted.deliveriesConsumer()));
    }

    @Test
    void anUnknownIsolationIsRefusedByName() {
        assertThatThrownBy(() -> configWith(Map.of("chorus.gateway.kafka.deliveries-isolation", "sometimes")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("chorus.gateway.kafka.deliveries-isolation");
    }

    @Test
    void typingIsWrittenIdempotentlyAndGivenUpOnceTooLateToMatter() {
        Map<String, Object> producer = config.typingProducer(Duration.ofSeconds(6));

        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        assertThat(producer.get(ProducerConfig.CLIENT_ID_CONFIG)).asString().startsWith("gw-1");
        new ProducerConfig(withSerializers(producer));
    }

    @Test
    void typingIsReadWithoutAConsumerGroup() {
        Map<String, Object> consumer = config.ephemeralConsumer();

        assertThat(consumer).containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    private static KafkaClientConfig configWith(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("chorus.gateway.id", "gw-1");
        all.put("chorus.gateway.auth.hs256-secret", TestTokens.SECRET);
        return new KafkaClientConfig(new KafkaSettings("broker:9092", 6, (short) -1),
                new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("chorus.gateway", GatewayProperties.class));
    }

    private static Map<String, Object> withDeserializers(Map<String, Object> config) {
        var all = new java.util.HashMap<>(config);
        all.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        all.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return all;
    }

    private static Map<String, Object> withSerializers(Map<String, Object> config) {
        var all = new java.util.HashMap<>(config);
        all.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringSerializer.class);
        all.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringSerializer.class);
        return all;
    }
}
