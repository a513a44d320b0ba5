package dev.chorus.analytics.topology;

import dev.chorus.topic.JsonSerde;
import dev.chorus.topic.Topic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The topics this job writes, named once here as {@code dev.chorus.topic.Topics} names Chorus's own. They
 * live with the job rather than in {@code shared-events}: the analytics job is a downstream reader of
 * {@code chorus.events}, like any consumer written outside this repository, and the core knows nothing of
 * its outputs.
 */
public final class AnalyticsTopics {

    /** Closed one-minute windows per group, keyed by group id. */
    public static final Topic<String, MessagesPerMinute> MESSAGES_PER_MINUTE = new Topic<>(
            "chorus.analytics.messages-per-minute", Serdes.String(), new JsonSerde<>(MessagesPerMinute.class),
            output(Duration.ofDays(30)));

    /** Closed one-hour windows over all groups, keyed by the window's start (ISO-8601). */
    public static final Topic<String, ActiveUsersPerHour> ACTIVE_USERS_PER_HOUR = new Topic<>(
            "chorus.analytics.active-users-per-hour", Serdes.String(), new JsonSerde<>(ActiveUsersPerHour.class),
            output(Duration.ofDays(365)));

    /**
     * Records of {@code chorus.events} this job could not read, as they were, with Kafka Streams'
     * dead-letter headers saying why. Event types newer than the job are not errors and never land here.
     */
    public static final Topic<byte[], byte[]> DEAD_LETTER = new Topic<>("chorus.analytics.dlq",
            Serdes.ByteArray(), Serdes.ByteArray(), retention(Duration.ofDays(7)));

    private AnalyticsTopics() {
    }

    public static List<Topic<?, ?>> all() {
        return List.of(MESSAGES_PER_MINUTE, ACTIVE_USERS_PER_HOUR, DEAD_LETTER);
    }

    /**
     * Retention counts from when a window was written (the broker's append time), not from its event time:
     * re-counting years of history must not write records the broker deletes at once. The window's event
     * time is in the value.
     */
    private static Map<String, String> output(Duration retention) {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()),
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
    }

    private static Map<String, String> retention(Duration retention) {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }
}
