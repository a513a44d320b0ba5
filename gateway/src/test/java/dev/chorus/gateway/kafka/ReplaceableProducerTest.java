package dev.chorus.gateway.kafka;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Problem;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaceableProducerTest {

    private static final Actor ALICE = new Actor("alice", "Alice", null);

    private final List<MockProducer<String, Command>> made = new ArrayList<>();
    private final ReplaceableProducer<String, Command> producers = new ReplaceableProducer<>("commands", () -> {
        var producer = new MockProducer<>(false, null, new StringSerializer(), Topics.COMMANDS.valueSerde().serializer());
        made.add(producer);
        return producer;
    });
    private final CommandProducer commands = new CommandProducer(producers, "gw-1", Clock.systemUTC());
    private final List<Problem> failures = new ArrayList<>();

    @Test
    void aFencedProducerIsReplacedAndTheNextCommandGoesThroughTheNewOne() {
        commands.submit(new ClientRequest.GetAllGroups(), ALICE, "c", failures::add);
        commands.submit(new ClientRequest.GetAllGroups(), ALICE, "c", failures::add);
        made.get(0).errorNext(new ProducerFencedException("fenced"));
        made.get(0).errorNext(new ProducerFencedException("fenced"));

        commands.submit(new ClientRequest.GetAllGroups(), ALICE, "c", failures::add);

        assertThat(made).as("both failures, one replacement").hasSize(2);
        assertThat(producers.replacements()).isEqualTo(1);
        assertThat(made.get(1).history()).hasSize(1);
        assertThat(failures).extracting(Problem::code).containsExactly(ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE);
    }

    @Test
    void aRetriableErrorKeepsTheProducer() {
        commands.submit(new ClientRequest.GetAllGroups(), ALICE, "c", failures::add);
        made.get(0).errorNext(new NotEnoughReplicasException("one replica left"));

        assertThat(made).hasSize(1);
        assertThat(failures).extracting(Problem::code).containsExactly(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aFactoryThatHandsOutOneSharedProducerNeverSeesItClosed() throws Exception {
        var shared = new MockProducer<>(false, null, new StringSerializer(), Topics.COMMANDS.valueSerde().serializer());
        var holder = new ReplaceableProducer<String, Command>("commands", () -> shared);

        holder.replace(shared, new ProducerFencedException("fenced"));
        Thread.sleep(100);

        assertThat(holder.replacements()).isEqualTo(1);
        assertThat(shared.closed()).isFalse();
    }

    @Test
    void aClosedHolderReplacesNothing() {
        var first = producers.get();
        producers.close();
        producers.replace(first, new IllegalStateException("closed"));

        assertThat(made).hasSize(1);
    }
}
