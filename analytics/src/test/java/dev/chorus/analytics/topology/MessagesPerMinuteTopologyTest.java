package dev.chorus.analytics.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages per group per minute: tumbling one-minute windows of event time, each written once when it
 * closes (its end plus 30 s of grace passed in stream time), keyed by group.
 */
class MessagesPerMinuteTopologyTest {

    private static final Instant T10_00 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T10_01 = Instant.parse("2025-03-01T10:01:00Z");
    private static final Instant T10_02 = Instant.parse("2025-03-01T10:02:00Z");

    private final AnalyticsDriver analytics = new AnalyticsDriver();
    private final Events events = new Events();

    @AfterEach
    void closeDriver() {
        analytics.close();
    }

    private static Instant at(Instant minute, int seconds) {
        return minute.plusSeconds(seconds);
    }

    private static KeyValue<String, MessagesPerMinute> window(String groupId, Instant start, long messages) {
        return KeyValue.pair(groupId, new MessagesPerMinute(groupId, start, start.plusSeconds(60), messages));
    }

    @Test
    void shouldCountTheMessagesOfEachGroupInEachClosedMinute() {
        analytics.send(
                events.posted("g-1", "alice", at(T10_00, 5)),
                events.posted("g-2", "bob", at(T10_00, 30)),
                events.posted("g-1", "bob", at(T10_00, 59)),
                events.posted("g-1", "alice", at(T10_01, 10)),
                // stream time 10:02:00 closes 10:00 (ends 10:01:00, + 30 s grace), not 10:01
                events.posted("g-3", "carol", at(T10_02, 0)));

        assertThat(analytics.messagesPerMinute())
                .containsExactlyInAnyOrder(window("g-1", T10_00, 2), window("g-2", T10_00, 1));
    }

    @Test
    void shouldWriteAWindowOnlyOnceItsGracePeriodHasPassed() {
        analytics.send(events.posted("g-1", "alice", at(T10_00, 10)),
                events.posted("g-1", "alice", at(T10_01, 29)));
        assertThat(analytics.messagesPerMinute()).isEmpty();

        analytics.send(events.posted("g-2", "bob", at(T10_01, 30)));

        assertThat(analytics.messagesPerMinute()).containsExactly(window("g-1", T10_00, 1));
    }

    @Test
    void shouldCountALateMessageWithinTheGracePeriodInItsOwnMinute() {
        analytics.send(events.posted("g-1", "alice", at(T10_00, 10)),
                events.posted("g-1", "bob", at(T10_01, 20)),
                // 30 s after the newest event, but its minute is still within grace
                events.posted("g-1", "carol", at(T10_00, 50)),
                events.posted("g-1", "alice", at(T10_02, 30)));

        assertThat(analytics.messagesPerMinute())
                .containsExactly(window("g-1", T10_00, 2), window("g-1", T10_01, 1));
    }

    @Test
    void shouldDropAMessageThatArrivesAfterItsMinuteClosed() {
        analytics.send(events.posted("g-1", "alice", at(T10_00, 10)),
                events.posted("g-1", "bob", at(T10_01, 40)));
        assertThat(analytics.messagesPerMinute()).containsExactly(window("g-1", T10_00, 1));

        analytics.send(events.posted("g-1", "carol", at(T10_00, 20)),
                events.posted("g-1", "alice", at(T10_02, 40)));

        // the late message neither reopens 10:00 nor lands in 10:01
        assertThat(analytics.messagesPerMinute()).containsExactly(window("g-1", T10_01, 1));
    }

    @Test
    void shouldPlaceEventsByTheirOccurredAtNotTheirRecordTimestamp() {
        // every record carries the same record timestamp (AnalyticsDriver.RECORD_TIME)
        analytics.send(events.posted("g-1", "alice", at(T10_00, 1)),
                events.posted("g-1", "alice", at(T10_01, 1)),
                events.posted("g-1", "alice", at(T10_02, 31)));

        assertThat(analytics.messagesPerMinute())
                .containsExactly(window("g-1", T10_00, 1), window("g-1", T10_01, 1));
    }

    @Test
    void shouldCountOnlyPostedMessages() {
        analytics.send(Events.created("g-1", "alice", at(T10_00, 1)),
                Events.joined("g-1", "alice", at(T10_00, 1)),
                events.posted("g-1", "alice", at(T10_00, 2)),
                Events.left("g-1", "alice", at(T10_00, 3)),
                events.posted("g-2", "bob", at(T10_02, 0)));

        assertThat(analytics.messagesPerMinute()).containsExactly(window("g-1", T10_00, 1));
    }

    @Test
    void shouldWriteAWindowAsJsonKeyedByGroup() {
        analytics.send(events.posted("g-1", "alice", at(T10_00, 5)), events.posted("g-1", "bob", at(T10_02, 0)));

        TestRecord<String, String> record = analytics.rawMessagesPerMinute().readRecord();
        assertThat(record.key()).isEqualTo("g-1");
        assertThat(record.value()).isEqualTo("""
                {"groupId":"g-1","windowStart":"2025-03-01T10:00:00Z","windowEnd":"2025-03-01T10:01:00Z",\
                "messages":1}""");
    }

    @Test
    void shouldTellTheListenerOfEveryClosedWindow() {
        analytics.send(events.posted("g-1", "alice", at(T10_00, 5)), events.posted("g-2", "bob", at(T10_02, 0)));

        assertThat(analytics.toldMinutes).containsExactly(window("g-1", T10_00, 1).value);
    }
}
