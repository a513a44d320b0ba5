package dev.chorus.analytics.topology;

import dev.chorus.event.DomainEvent;
import dev.chorus.topic.JsonSerde;
import dev.chorus.topic.Topic;
import dev.chorus.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.Map;

/**
 * The analytics job: {@code chorus.events} in, closed windows out.
 *
 * <ul>
 *   <li>Messages per group per minute: {@code MessagePosted} events, still keyed by group (no repartition),
 *       counted in tumbling one-minute windows of event time.</li>
 *   <li>Active users per hour: the author of every {@code MessagePosted} and the joiner of every
 *       {@code MemberJoined}, all under one key (a repartition), gathered into the exact set of distinct
 *       users of each tumbling hour.</li>
 * </ul>
 *
 * <p>Each window is written once, when it closes: when stream time (the newest event time seen on that
 * partition) passes its end plus the grace period. Events later than that are dropped, and Kafka Streams
 * counts them in its {@code dropped-records} metric. Stores and suppression buffers hold open windows only.
 *
 * <p>Built from a {@link StreamsBuilder} and explicit settings only, so tests run the production topology.
 */
public final class AnalyticsTopology {

    static final String MESSAGES_STORE = "messages-per-minute";
    static final String ACTIVE_USERS_STORE = "active-users-per-hour";
    /** Names the internal topic {@code <application id>-active-users-repartition}. */
    static final String ACTIVE_USERS_REPARTITION = "active-users";
    /** The one key every activity is gathered under, to be counted once across groups. */
    static final String EVERYONE = "everyone";

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    /**
     * @param messagesGrace    how late an event may arrive and still count in its minute
     * @param activeUsersGrace how late an event may arrive and still count in its hour
     */
    public record Settings(Duration messagesGrace, Duration activeUsersGrace) {
    }

    private AnalyticsTopology() {
    }

    public static void build(StreamsBuilder builder, Settings settings, ClosedWindows listener) {
        KStream<String, DomainEvent> events = builder.stream(Topics.EVENTS.name(),
                        Consumed.with(Serdes.String(), Serdes.serdeFrom(Topics.EVENTS.valueSerde().serializer(),
                                new EventReader())).withTimestampExtractor(new OccurredAt()).withName("events"))
                // event types newer than this job read as null
                .filter((groupId, event) -> event != null, Named.as("known-events"));
        countMessagesPerMinute(events, settings.messagesGrace(), listener);
        countActiveUsersPerHour(events, settings.activeUsersGrace(), listener);
    }

    private static void countMessagesPerMinute(KStream<String, DomainEvent> events, Duration grace,
                                               ClosedWindows listener) {
        events.filter((groupId, event) -> event instanceof DomainEvent.MessagePosted, Named.as("messages"))
                .groupByKey(Grouped.with(Serdes.String(), Topics.EVENTS.valueSerde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(MINUTE, grace))
                .count(Named.as("count-messages"), Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(
                        MESSAGES_STORE).withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("messages-per-minute-closed"))
                .toStream(Named.as("messages-per-minute-windows"))
                .map((window, count) -> KeyValue.pair(window.key(), messagesPerMinute(window, count)),
                        Named.as("messages-per-minute-records"))
                .peek((groupId, window) -> listener.messagesPerMinute(window), Named.as("messages-per-minute-told"))
                .to(AnalyticsTopics.MESSAGES_PER_MINUTE.name(), produced(AnalyticsTopics.MESSAGES_PER_MINUTE));
    }

    private static void countActiveUsersPerHour(KStream<String, DomainEvent> events, Duration grace,
                                                ClosedWindows listener) {
        events.filter((groupId, event) -> activeUser(event) != null, Named.as("activities"))
                .map((groupId, event) -> KeyValue.pair(EVERYONE, activeUser(event)), Named.as("active-users"))
                .groupByKey(Grouped.with(ACTIVE_USERS_REPARTITION, Serdes.String(), Serdes.String()))
                .windowedBy(TimeWindows.ofSizeAndGrace(HOUR, grace))
                .aggregate(UserSet::empty, (everyone, userId, users) -> users.with(userId),
                        Named.as("gather-active-users"),
                        Materialized.<String, UserSet, WindowStore<Bytes, byte[]>>as(ACTIVE_USERS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(UserSet.class)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("active-users-per-hour-closed"))
                .toStream(Named.as("active-users-per-hour-windows"))
                .map((window, users) -> KeyValue.pair(window.window().startTime().toString(),
                                new ActiveUsersPerHour(window.window().startTime(), window.window().endTime(),
                                        users.size())),
                        Named.as("active-users-per-hour-records"))
                .peek((hour, window) -> listener.activeUsersPerHour(window), Named.as("active-users-per-hour-told"))
                .to(AnalyticsTopics.ACTIVE_USERS_PER_HOUR.name(), produced(AnalyticsTopics.ACTIVE_USERS_PER_HOUR));
    }

    /** Who was active in an event: the author of a message or the member who joined; nobody otherwise. */
    static String activeUser(DomainEvent event) {
        if (event instanceof DomainEvent.MessagePosted posted && posted.message() != null
                && posted.message().sender() != null) {
            return posted.message().sender().userId();
        }
        if (event instanceof DomainEvent.MemberJoined joined && joined.member() != null) {
            return joined.member().userId();
        }
        return null;
    }

    private static MessagesPerMinute messagesPerMinute(Windowed<String> window, long count) {
        return new MessagesPerMinute(window.key(), window.window().startTime(), window.window().endTime(), count);
    }

    /**
     * A record of {@code chorus.events} that is not an event at all goes to the job's dead-letter topic
     * with the reason, and the job goes on: one bad record must neither stop the counts nor vanish.
     */
    public static Map<String, Object> deadLetterConfig() {
        return Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, AnalyticsTopics.DEAD_LETTER.name(),
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    }

    private static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde());
    }
}
