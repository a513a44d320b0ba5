package dev.chorus.analytics.topology;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event type newer than the job is skipped as a fact it does not count; a record that is no event at
 * all goes to the dead-letter topic with the reason. Either way the next events are counted.
 *
 * <p>Under at_least_once for the dead letter, as in the processor's DeadLetterTopologyTest: under
 * exactly_once_v2 the driver throws away the dead letter, which is sent before the task's commit.
 */
class UnreadableEventsTopologyTest {

    private static final Instant T10_00 = Instant.parse("2025-03-01T10:00:00Z");

    private AnalyticsDriver analytics;
    private final Events events = new Events();

    @AfterEach
    void closeDriver() {
        analytics.close();
    }

    private void thenTheNextEventsAreCounted() {
        analytics.send(events.posted("g-1", "alice", T10_00.plusSeconds(5)),
                events.posted("g-1", "alice", T10_00.plusSeconds(120)));
        assertThat(analytics.messagesPerMinute()).extracting(kv -> kv.value.messages()).containsExactly(1L);
    }

    @Test
    void shouldSkipAnEventTypeNewerThanTheJob() {
        analytics = new AnalyticsDriver(StreamsConfig.AT_LEAST_ONCE);

        analytics.sendRaw("g-1", """
                {"type":"chorus.message.edited.v1","groupId":"g-1","occurredAt":"2025-03-01T10:00:01Z"}""");

        thenTheNextEventsAreCounted();
        assertThat(analytics.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void shouldSendARecordThatIsNoEventToTheDeadLetterTopicAndGoOn() {
        analytics = new AnalyticsDriver(StreamsConfig.AT_LEAST_ONCE);

        analytics.sendRaw("g-1", "this is not JSON");

        thenTheNextEventsAreCounted();
        TestRecord<byte[], byte[]> dead = analytics.deadLetters().readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("this is not JSON");
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME)).contains("SerializationException");
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)).isEqualTo("chorus.events");
    }

    @Test
    void shouldSendAnEventWithoutATypeToTheDeadLetterTopic() {
        analytics = new AnalyticsDriver(StreamsConfig.AT_LEAST_ONCE);

        analytics.sendRaw("g-1", """
                {"groupId":"g-1","occurredAt":"2025-03-01T10:00:01Z"}""");

        thenTheNextEventsAreCounted();
        assertThat(header(analytics.deadLetters().readRecord(), ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME))
                .contains("names no type");
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
