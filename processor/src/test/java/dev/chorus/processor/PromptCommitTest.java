package dev.chorus.processor;

import dev.chorus.command.CommandBody;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.testing.EmbeddedBroker;
import dev.chorus.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The processor on a real broker of its own, committing on a long timer: a command that finds it idle must
 * not wait for the timer (PromptCommits), or under exactly-once nobody would see its answer until then.
 */
class PromptCommitTest {

    /**
     * Past the 10 s an exactly-once transaction may stay open by Streams' default, which it checks at start:
     * the processor raises that timeout with the interval (ProcessorProperties.transactionTimeout).
     */
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedBroker broker = new EmbeddedBroker();

    @TempDir
    Path stateDir;

    /**
     * The timer's first check comes an interval after the stream thread started, which was after this test
     * noted the time; the answer is seen well before that. (That it starts at all with this interval is the
     * raised transaction timeout.)
     */
    @Test
    void aCommandThatFindsTheProcessorIdleIsCommittedAtOnceNotAtTheNextInterval() throws Exception {
        String groupId = "g-idle-" + UUID.randomUUID();
        long started = System.nanoTime();
        try (ConfigurableApplicationContext processor = ProcessorApplication.application()
                .run(broker.processorArgs("prompt-commit-test", stateDir,
                        "--chorus.processor.commit-interval=" + INTERVAL.toMillis() + "ms"));
             KafkaConsumer<String, DomainEvent> events = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     Topics.EVENTS.keySerde().deserializer(), Topics.EVENTS.valueSerde().deserializer())) {
            assertThat(processor.getBean(ProcessorRuntime.class).awaitRunning(Duration.ofSeconds(60))).isTrue();
            List<TopicPartition> partitions = events.partitionsFor(Topics.EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            events.assign(partitions);
            events.seekToBeginning(partitions);
            Duration beforeTheTimer = INTERVAL.minus(Duration.ofNanos(System.nanoTime() - started));
            assumeTrue(beforeTheTimer.compareTo(Duration.ofMillis(1_500)) > 0,
                    "the processor took too long to start for its timer to be told apart: " + beforeTheTimer);

            broker.send("ida", new CommandBody.CreateGroup(groupId, "Idle", null));

            List<String> committed = new ArrayList<>();
            await().atMost(beforeTheTimer.minus(Duration.ofMillis(500))).untilAsserted(() -> {
                events.poll(Duration.ofMillis(100)).forEach(record -> committed.add(record.value().groupId()));
                assertThat(committed).contains(groupId);
            });
            assertThat(processor.getBean(MeterRegistry.class).get("chorus.commits.asked").counter().count())
                    .isEqualTo(1);
        }
    }
}
