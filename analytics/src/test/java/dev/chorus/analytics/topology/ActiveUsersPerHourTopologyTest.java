package dev.chorus.analytics.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Active users per hour: the distinct users who posted a message or joined a group, over every group, in
 * tumbling hours of event time, each hour written once when it closes (its end plus 5 min of grace).
 */
class ActiveUsersPerHourTopologyTest {

    private static final Instant T10 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T11 = Instant.parse("2025-03-01T11:00:00Z");
    private static final Instant T12 = Instant.parse("2025-03-01T12:00:00Z");
    /** Past 11:00 plus the grace: closes the hour from 10:00. */
    private static final Instant CLOSES_T10 = T11.plus(Duration.ofMinutes(5));

    private final AnalyticsDriver analytics = new AnalyticsDriver();
    private final Events events = new Events();

    @AfterEach
    void closeDriver() {
        analytics.close();
    }

    private static KeyValue<String, ActiveUsersPerHour> hour(Instant start, long activeUsers) {
        return KeyValue.pair(start.toString(), new ActiveUsersPerHour(start, start.plus(Duration.ofHours(1)),
                activeUsers));
    }

    @Test
    void shouldCountEachUserOnceAcrossMessagesAndGroups() {
        analytics.send(events.posted("g-1", "alice", T10.plusSeconds(1)),
                events.posted("g-1", "alice", T10.plusSeconds(2)),
                events.posted("g-2", "alice", T10.plusSeconds(3)),
                Events.joined("g-1", "bob", T10.plusSeconds(4)),
                events.posted("g-1", "bob", T10.plusSeconds(5)),
                Events.joined("g-2", "carol", T10.plusSeconds(6)),
                events.posted("g-3", "zed", CLOSES_T10));

        assertThat(analytics.activeUsersPerHour()).containsExactly(hour(T10, 3));
    }

    @Test
    void shouldNotCountLeavingCreatingOrDeletingAsActivity() {
        analytics.send(Events.left("g-1", "dave", T10.plusSeconds(1)),
                Events.created("g-2", "erin", T10.plusSeconds(2)),
                events.posted("g-1", "alice", T10.plusSeconds(3)),
                events.posted("g-3", "zed", CLOSES_T10));

        assertThat(analytics.activeUsersPerHour()).containsExactly(hour(T10, 1));
    }

    @Test
    void shouldCountAUserInEveryHourTheyWereActive() {
        analytics.send(events.posted("g-1", "alice", T10.plusSeconds(10)),
                events.posted("g-1", "bob", T10.plusSeconds(20)),
                events.posted("g-1", "alice", T11.plusSeconds(10)),
                events.posted("g-1", "zed", T12.plus(Duration.ofMinutes(5))));

        assertThat(analytics.activeUsersPerHour()).containsExactly(hour(T10, 2), hour(T11, 1));
    }

    @Test
    void shouldCountALateUserWithinTheGracePeriodAndDropOneAfterIt() {
        analytics.send(events.posted("g-1", "alice", T10.plusSeconds(10)),
                events.posted("g-1", "bob", T11.plusSeconds(60)),
                // four minutes behind stream time, within the five of grace: counts in 10:00
                Events.joined("g-2", "carol", T10.plus(Duration.ofMinutes(57))),
                events.posted("g-1", "bob", CLOSES_T10),
                // the hour has closed: not counted anywhere
                events.posted("g-2", "dave", T10.plus(Duration.ofMinutes(59))));

        assertThat(analytics.activeUsersPerHour()).containsExactly(hour(T10, 2));

        analytics.send(events.posted("g-1", "zed", T12.plus(Duration.ofMinutes(5))));
        assertThat(analytics.activeUsersPerHour()).containsExactly(hour(T11, 1));
    }

    @Test
    void shouldWriteAnHourAsJsonKeyedByItsStart() {
        analytics.send(events.posted("g-1", "alice", T10.plusSeconds(1)), events.posted("g-1", "zed", CLOSES_T10));

        TestRecord<String, String> record = analytics.rawActiveUsersPerHour().readRecord();
        assertThat(record.key()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(record.value()).isEqualTo("""
                {"windowStart":"2025-03-01T10:00:00Z","windowEnd":"2025-03-01T11:00:00Z","activeUsers":1}""");
        assertThat(analytics.toldHours).containsExactly(hour(T10, 1).value);
    }
}
