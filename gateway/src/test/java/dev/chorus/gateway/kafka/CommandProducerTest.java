package dev.chorus.gateway.kafka;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Problem;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandProducerTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final Actor ALICE = new Actor("alice", "Alice", null);

    private final MockProducer<String, Command> kafka = new MockProducer<>(false, null, new StringSerializer(),
            Topics.COMMANDS.valueSerde().serializer());
    private final CommandProducer producer = new CommandProducer(kafka, "gw-1", Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<Problem> failures = new ArrayList<>();

    @Test
    void aTextSendIsAPostMessageKeyedByItsGroupFromTheAuthenticatedActor() {
        Command command = producer.submit(new ClientRequest.SendMessageText("g1", "hi", "c1"), ALICE, "conn-1",
                failures::add);

        assertThat(command.actor()).isEqualTo(ALICE);
        assertThat(command.replyTo()).isEqualTo(new ReplyTo("gw-1", "conn-1"));
        assertThat(command.issuedAt()).isEqualTo(NOW);
        assertThat(UUID.fromString(command.commandId())).isNotNull();
        assertThat(command.body()).isEqualTo(new CommandBody.PostMessage("g1", MessageKind.TEXT, "hi", null, "c1"));
        ProducerRecord<String, Command> record = kafka.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.COMMANDS.name());
        assertThat(record.key()).isEqualTo("g1");
        assertThat(record.value()).isEqualTo(command);
    }

    @Test
    void everyCommandGetsItsOwnId() {
        Command first = producer.submit(new ClientRequest.GetAllGroups(), ALICE, "c", failures::add);
        Command second = producer.submit(new ClientRequest.GetAllGroups(), ALICE, "c", failures::add);

        assertThat(first.commandId()).isNotEqualTo(second.commandId());
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("alice", "alice");
    }

    @Test
    void aRetriableFailureIsUnavailable() {
        producer.submit(new ClientRequest.JoinGroup("g1"), ALICE, "c", failures::add);
        kafka.errorNext(new NotEnoughReplicasException("only one replica"));

        assertThat(failures).extracting(Problem::code).containsExactly(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aTimeoutIsUnavailable() {
        producer.submit(new ClientRequest.JoinGroup("g1"), ALICE, "c", failures::add);
        kafka.errorNext(new TimeoutException("expired after 30000 ms"));

        assertThat(failures).extracting(Problem::code).containsExactly(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aFailureRetryingWillNotFixIsInternal() {
        producer.submit(new ClientRequest.JoinGroup("g1"), ALICE, "c", failures::add);
        kafka.errorNext(new RecordTooLargeException("too large"));

        assertThat(failures).extracting(Problem::code).containsExactly(ErrorCode.INTERNAL);
    }

    @Test
    void aClosedProducerIsUnavailable() {
        kafka.close();

        producer.submit(new ClientRequest.JoinGroup("g1"), ALICE, "c", failures::add);

        assertThat(failures).extracting(Problem::code).containsExactly(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aSuccessfulSendAnswersNothing() {
        producer.submit(new ClientRequest.JoinGroup("g1"), ALICE, "c", failures::add);
        kafka.completeNext();

        assertThat(failures).isEmpty();
    }

    @Test
    void typingAndMediaNeverTravelAsCommands() {
        assertThatThrownBy(() -> producer.submit(new ClientRequest.StartTyping("g1"), ALICE, "c", failures::add))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> producer.submit(new ClientRequest.SendMessageMedia(MessageKind.GIF, "g1", null,
                "https://x.example/a.gif", null, null), ALICE, "c", failures::add))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(kafka.history()).isEmpty();
    }
}
