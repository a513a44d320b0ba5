package dev.chorus.processor.topology;

import dev.chorus.command.CommandBody;
import dev.chorus.processor.testing.Commands;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that cannot be read or processed go to the dead-letter topic with the reason, and the next
 * command is handled as usual.
 *
 * <p>Records that cannot even be deserialized are tested under at_least_once. Under exactly_once_v2 their
 * dead letter is sent inside the task's open transaction while the record is being queued, before any
 * processing; a running application commits it with the skipped record's offset (the task marks a
 * skipped corrupted record as needing a commit), but {@link org.apache.kafka.streams.TopologyTestDriver}
 * collects output with {@code MockProducer.history()} and then {@code clear()}, which throws uncommitted
 * sends away. The dead-letter settings under test are the same either way.
 */
class DeadLetterTopologyTest {

    private ChorusDriver chorus;
    private final Commands commands = new Commands();

    @AfterEach
    void closeDriver() {
        if (chorus != null) {
            chorus.close();
        }
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The good command after the bad one is answered and changes the state as usual. */
    private void whenTheNextCommandArrivesItIsHandled() {
        chorus.send(commands.by("alice", new CommandBody.CreateGroup("g-1", "Hikers", null)));
        assertThat(chorus.deliveries()).extracting(kv -> kv.value.frame().type())
                .containsExactly("GROUP:GROUP_ADDED", "GROUP:USER_JOINED");
        assertThat(chorus.groups().get("g-1").live()).isTrue();
    }

    private void givenADriverRunning(String processingGuarantee) {
        chorus = new ChorusDriver(processingGuarantee);
    }

    @Test
    void shouldSendAnUnreadableCommandToTheDeadLetterTopicAndGoOn() {
        givenADriverRunning(StreamsConfig.AT_LEAST_ONCE);
        byte[] garbage = utf8("this is not JSON");

        chorus.sendRaw("g-1", garbage);
        whenTheNextCommandArrivesItIsHandled();

        TestRecord<byte[], byte[]> dead = chorus.deadLetters().readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("g-1");
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME)).contains("SerializationException");
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)).isEqualTo("chorus.commands");
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME)).isEqualTo("0");
        assertThat(chorus.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void shouldSendACommandThatCannotBeAnsweredToTheDeadLetterTopicWithTheReason() {
        givenADriverRunning(StreamsConfig.EXACTLY_ONCE_V2);
        byte[] noReplyAddress = utf8("""
                {"commandId":"c-1","actor":{"userId":"alice"},"issuedAt":"2025-03-01T10:00:00Z",
                 "body":{"type":"group.join.v1","groupId":"g-1"}}""");

        chorus.sendRaw("g-1", noReplyAddress);
        whenTheNextCommandArrivesItIsHandled();

        TestRecord<byte[], byte[]> dead = chorus.deadLetters().readRecord();
        assertThat(dead.value()).isEqualTo(noReplyAddress);
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME))
                .contains("IllegalArgumentException");
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).contains("reply address");
        assertThat(chorus.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void shouldSendAnUnknownCommandTypeToTheDeadLetterTopic() {
        givenADriverRunning(StreamsConfig.AT_LEAST_ONCE);
        byte[] unknown = utf8("""
                {"commandId":"c-1","actor":{"userId":"alice"},"replyTo":{"gatewayId":"gw","connectionId":"c"},
                 "issuedAt":"2025-03-01T10:00:00Z","body":{"type":"group.teleport.v1","groupId":"g-1"}}""");

        chorus.sendRaw("g-1", unknown);
        whenTheNextCommandArrivesItIsHandled();

        assertThat(chorus.deadLetters().readRecord().value()).isEqualTo(unknown);
    }

    @Test
    void shouldSendARecordWithoutAValueToTheDeadLetterTopic() {
        givenADriverRunning(StreamsConfig.EXACTLY_ONCE_V2);
        chorus.sendRaw("g-1", null);
        whenTheNextCommandArrivesItIsHandled();

        TestRecord<byte[], byte[]> dead = chorus.deadLetters().readRecord();
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).contains("no value");
    }
}
