package dev.chorus.gateway.kafka;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.topic.Topic;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness and liveness as far as Kafka goes, from the state the clients keep, never a call to Kafka. */
class KafkaHealthIndicatorTest {

    private static final Topic<String, String> TOPIC = new Topic<>("health-test", null, null, Map.of());
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC.name(), 0);
    /** Long enough for a slow machine: only one test waits it out, with its own indicator. */
    private static final Duration UNREACHABLE_AFTER = Duration.ofMinutes(1);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("latest");
    private final Reader reader = new Reader(consumer);
    private final MockProducer<String, Command> kafka = new MockProducer<>(false, null, new StringSerializer(),
            Topics.COMMANDS.valueSerde().serializer());
    private final CommandProducer commands = new CommandProducer(kafka, "gw-1", Clock.systemUTC());
    private final KafkaHealthIndicator readiness = readiness(UNREACHABLE_AFTER);
    private final KafkaReadersHealthIndicator liveness = new KafkaReadersHealthIndicator(List.of(reader));

    @AfterEach
    void stop() {
        reader.stop();
    }

    @Test
    void notReadyUntilTheReaderIsPositioned() {
        Health health = readiness.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "the test reader is not positioned");
        assertThat(liveness.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void readyOncePositionedAndNotOnceNoBrokerHasAnsweredForTooLong() {
        startReader();

        KafkaHealthIndicator impatient = readiness(Duration.ofMillis(300));

        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        // A mock consumer receives no responses at all: the reader hears nothing from then on.
        await().atMost(Duration.ofSeconds(5)).until(() -> impatient.health().getStatus().equals(Status.DOWN));
        assertThat((String) impatient.health().getDetails().get("reason")).startsWith("no response from Kafka");
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        assertThat(liveness.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void notReadyWhileTheLatestCommandWriteFailedAndReadyAgainOnceOneSucceeds() {
        startReader();
        submit();
        kafka.errorNext(new NotEnoughReplicasException("one replica in sync"));

        Health failing = readiness.health();
        assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
        assertThat(failing.getDetails()).containsEntry("reason", "the latest command write failed");

        submit();
        kafka.completeNext();

        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aReaderStoppedOnPurposeIsNotReadyButAlive() {
        startReader();

        reader.stop();

        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(liveness.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aReaderThatStoppedByItselfIsNotAlive() {
        startReader();

        consumer.setPollException(new KafkaException("the consumer broke"));

        await().atMost(Duration.ofSeconds(5)).until(() -> liveness.health().getStatus().equals(Status.DOWN));
        assertThat(liveness.health().getDetails()).containsEntry("stopped", List.of("test"));
    }

    private KafkaHealthIndicator readiness(Duration unreachableAfter) {
        return new KafkaHealthIndicator(List.of(reader), commands,
                new KafkaHealthProperties(unreachableAfter, Duration.ofSeconds(30)));
    }

    private void startReader() {
        consumer.updatePartitions(TOPIC.name(), List.of(new PartitionInfo(TOPIC.name(), 0, null, null, null)));
        consumer.updateEndOffsets(Map.of(PARTITION, 0L));
        reader.start();
    }

    private void submit() {
        commands.submit(new ClientRequest.JoinGroup("g1"), new Actor("alice", "Alice", null), "c1", problem -> {
        });
    }

    private static final class Reader extends WholeTopicReader<String> {

        Reader(MockConsumer<String, String> consumer) {
            super("test", TOPIC, () -> consumer, Duration.ofMillis(10), Duration.ofSeconds(2));
        }

        @Override
        protected void handle(ConsumerRecord<String, String> record) {
        }
    }
}
