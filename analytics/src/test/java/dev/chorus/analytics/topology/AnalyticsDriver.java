package dev.chorus.analytics.topology;

import dev.chorus.event.DomainEvent;
import dev.chorus.topic.Topic;
import dev.chorus.topic.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A {@link TopologyTestDriver} running the production topology with a grace of 30 s for minutes and 5 min
 * for hours (the defaults), typed access to its topics, and a listener that records what it is told. Every
 * event is piped with one fixed record timestamp, so that only {@code occurredAt} can place it in a window.
 */
final class AnalyticsDriver implements AutoCloseable {

    static final Duration MESSAGES_GRACE = Duration.ofSeconds(30);
    static final Duration ACTIVE_USERS_GRACE = Duration.ofMinutes(5);
    /** The record timestamp of every piped event: far from any window a test uses. */
    static final Instant RECORD_TIME = Instant.parse("2001-01-01T00:00:00Z");

    final List<MessagesPerMinute> toldMinutes = new ArrayList<>();
    final List<ActiveUsersPerHour> toldHours = new ArrayList<>();

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, DomainEvent> events;
    private final TestInputTopic<String, String> rawEvents;
    private final TestOutputTopic<String, MessagesPerMinute> messagesPerMinute;
    private final TestOutputTopic<String, ActiveUsersPerHour> activeUsersPerHour;
    private final TestOutputTopic<String, String> rawMessagesPerMinute;
    private final TestOutputTopic<String, String> rawActiveUsersPerHour;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Path stateDir;

    /** Runs under exactly_once_v2, as production does. */
    AnalyticsDriver() {
        this(StreamsConfig.EXACTLY_ONCE_V2);
    }

    AnalyticsDriver(String processingGuarantee) {
        stateDir = createStateDir();
        StreamsBuilder builder = new StreamsBuilder();
        AnalyticsTopology.build(builder, new AnalyticsTopology.Settings(MESSAGES_GRACE, ACTIVE_USERS_GRACE),
                new ClosedWindows() {
                    @Override
                    public void messagesPerMinute(MessagesPerMinute window) {
                        toldMinutes.add(window);
                    }

                    @Override
                    public void activeUsersPerHour(ActiveUsersPerHour window) {
                        toldHours.add(window);
                    }
                });
        driver = new TopologyTestDriver(builder.build(), config(stateDir, processingGuarantee));
        events = driver.createInputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().serializer(),
                Topics.EVENTS.valueSerde().serializer());
        rawEvents = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(), new StringSerializer());
        messagesPerMinute = output(AnalyticsTopics.MESSAGES_PER_MINUTE);
        activeUsersPerHour = output(AnalyticsTopics.ACTIVE_USERS_PER_HOUR);
        rawMessagesPerMinute = driver.createOutputTopic(AnalyticsTopics.MESSAGES_PER_MINUTE.name(),
                new StringDeserializer(), new StringDeserializer());
        rawActiveUsersPerHour = driver.createOutputTopic(AnalyticsTopics.ACTIVE_USERS_PER_HOUR.name(),
                new StringDeserializer(), new StringDeserializer());
        deadLetters = output(AnalyticsTopics.DEAD_LETTER);
    }

    private static Properties config(Path stateDir, String processingGuarantee) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "chorus-analytics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(AnalyticsTopology.deadLetterConfig());
        return props;
    }

    /** Under target/ rather than the OS temp directory, which Kafka Streams warns against. */
    private static Path createStateDir() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "streams-test"));
            return Files.createTempDirectory(parent, "driver-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pipes events keyed by group, as the processor writes them. */
    void send(DomainEvent... sent) {
        for (DomainEvent event : sent) {
            events.pipeInput(event.groupId(), event, RECORD_TIME);
        }
    }

    void sendRaw(String key, String json) {
        rawEvents.pipeInput(key, json, RECORD_TIME);
    }

    List<KeyValue<String, MessagesPerMinute>> messagesPerMinute() {
        return messagesPerMinute.readKeyValuesToList();
    }

    List<KeyValue<String, ActiveUsersPerHour>> activeUsersPerHour() {
        return activeUsersPerHour.readKeyValuesToList();
    }

    TestOutputTopic<String, String> rawMessagesPerMinute() {
        return rawMessagesPerMinute;
    }

    TestOutputTopic<String, String> rawActiveUsersPerHour() {
        return rawActiveUsersPerHour;
    }

    TestOutputTopic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    private <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> leftovers = Files.walk(stateDir)) {
            for (Path path : leftovers.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
