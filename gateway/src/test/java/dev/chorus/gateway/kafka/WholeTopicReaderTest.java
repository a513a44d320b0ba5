package dev.chorus.gateway.kafka;

import dev.chorus.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WholeTopicReaderTest {

    private static final Topic<String, String> TOPIC = new Topic<>("restart-test", null, null, Map.of());
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC.name(), 0);

    private final Deque<MockConsumer<String, String>> consumers = new ArrayDeque<>();
    private final Reader reader = new Reader(consumers);

    @AfterEach
    void stop() {
        reader.stop();
    }

    @Test
    void aRestartedReaderIsPositionedAgainBeforeStartReturns() {
        MockConsumer<String, String> first = consumer();
        withPartition(first);
        MockConsumer<String, String> second = consumer();
        reader.start();
        reader.stop();

        // the topic's metadata reaches the second consumer only a moment after it asks
        CompletableFuture.runAsync(() -> withPartition(second),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        reader.start();

        assertThat(second.assignment()).containsExactly(PARTITION);
        assertThat(reader.health().positioned()).isTrue();
    }

    private MockConsumer<String, String> consumer() {
        MockConsumer<String, String> consumer = new MockConsumer<>("latest");
        consumers.add(consumer);
        return consumer;
    }

    private static void withPartition(MockConsumer<String, String> consumer) {
        consumer.updateEndOffsets(Map.of(PARTITION, 0L));
        consumer.updatePartitions(TOPIC.name(), List.of(new PartitionInfo(TOPIC.name(), 0, null, null, null)));
    }

    private static final class Reader extends WholeTopicReader<String> {

        Reader(Deque<MockConsumer<String, String>> consumers) {
            super("restart", TOPIC, consumers::poll, Duration.ofMillis(10), Duration.ofSeconds(5));
        }

        @Override
        protected void handle(ConsumerRecord<String, String> record) {
        }
    }
}
