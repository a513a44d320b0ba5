package dev.chorus.gateway.delivery;

import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.connection.ConnectionRegistry;
import dev.chorus.gateway.connection.TestConnections;
import dev.chorus.protocol.Envelope;
import dev.chorus.topic.Json;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DeliveryReaderTest {

    private static final String TOPIC = Topics.DELIVERIES.name();
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final GatewayProperties.Kafka SETTINGS = new GatewayProperties.Kafka(Duration.ofMillis(5),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofSeconds(2),
            IsolationLevel.READ_COMMITTED);

    private final MockConsumer<String, Delivery> consumer = new MockConsumer<>("latest");
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final WebSocketSession alice = mock(WebSocketSession.class);
    private final DeliveryReader reader = new DeliveryReader(() -> consumer, new DeliveryRouter(registry, "gw-1"),
            SETTINGS);

    @AfterEach
    void stop() {
        reader.stop();
    }

    @Test
    void startsAtTheEndOfEveryPartitionAndRoutesWhatComesAfter() throws IOException {
        existingPartitionEndingAt(5);
        reader.start();

        assertThat(reader.isRunning()).isTrue();
        consumer.schedulePollTask(() -> consumer.addRecord(record(5, "TEST:FIRST")));

        verify(alice, timeout(5_000)).sendMessage(frameOfType("TEST:FIRST"));
    }

    @Test
    void anUnreadableRecordIsSkippedAndReadingGoesOn() throws IOException {
        existingPartitionEndingAt(0);
        reader.start();

        consumer.schedulePollTask(() -> {
            throw new RecordDeserializationException(PARTITION, 0, "not a Delivery", null);
        });
        consumer.schedulePollTask(() -> consumer.addRecord(record(1, "TEST:AFTER")));

        verify(alice, timeout(5_000)).sendMessage(frameOfType("TEST:AFTER"));
        assertThat(reader.isRunning()).isTrue();
    }

    @Test
    void stoppingClosesTheConsumer() {
        existingPartitionEndingAt(0);
        reader.start();

        reader.stop();

        assertThat(reader.isRunning()).isFalse();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void startFailsClearlyWhenTheTopicHasNoPartitions() {
        assertThatThrownBy(reader::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not positioned").hasMessageContaining(TOPIC);
        assertThat(reader.isRunning()).isFalse();
    }

    private void existingPartitionEndingAt(long endOffset) {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateEndOffsets(Map.of(PARTITION, endOffset));
        when(alice.isOpen()).thenReturn(true);
        TestConnections.register(registry, TestConnections.connection("a1", "alice", alice));
    }

    private static ConsumerRecord<String, Delivery> record(long offset, String type) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "g1",
                new Delivery(new Audience.User("alice"), new Envelope(type, Json.mapper().createObjectNode())));
    }

    private static TextMessage frameOfType(String type) {
        return argThat(message -> message != null && message.getPayload().contains("\"" + type + "\""));
    }
}
