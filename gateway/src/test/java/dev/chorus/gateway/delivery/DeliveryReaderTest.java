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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
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
    void theFramesOfOnePollAreWrittenAfterItsLastDeliveryIsRoutedOrEveryFiftyDeliveries() throws IOException {
        List<String> events = new CopyOnWriteArrayList<>();
        DeliveryReader reader = new DeliveryReader(() -> consumer, new DeliveryRouter(registry, "gw-1",
                List.of(delivery -> events.add("routed " + delivery.frame().type()))), SETTINGS);
        WebSocketSession bob = mock(WebSocketSession.class);
        when(bob.isOpen()).thenReturn(true);
        doAnswer(call -> events.add("written " + Json.mapper()
                .readTree(((TextMessage) call.getArgument(0)).getPayload()).path("type").asString()))
                .when(bob).sendMessage(any());
        // the writer runs on the reader's thread, so a frame is written the moment its connection is flushed
        TestConnections.register(registry, TestConnections.queued("b1", "bob", bob, Runnable::run));
        existingPartitionEndingAt(0);
        try {
            reader.start();
            int deliveries = DeliveryReader.FLUSH_EVERY + 3;
            consumer.schedulePollTask(() -> {
                for (int i = 0; i < deliveries; i++) {
                    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, "g1", new Delivery(new Audience.User("bob"),
                            new Envelope("TEST:N" + i, Json.mapper().createObjectNode()))));
                }
            });

            verify(bob, timeout(5_000).times(deliveries)).sendMessage(any());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < DeliveryReader.FLUSH_EVERY; i++) {
                expected.add("routed TEST:N" + i);
            }
            for (int i = 0; i < DeliveryReader.FLUSH_EVERY; i++) {
                expected.add("written TEST:N" + i);
            }
            for (int i = DeliveryReader.FLUSH_EVERY; i < deliveries; i++) {
                expected.add("routed TEST:N" + i);
            }
            for (int i = DeliveryReader.FLUSH_EVERY; i < deliveries; i++) {
                expected.add("written TEST:N" + i);
            }
            assertThat(events).containsExactlyElementsOf(expected);
        } finally {
            reader.stop();
        }
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
