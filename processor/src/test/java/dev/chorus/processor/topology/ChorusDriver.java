package dev.chorus.processor.topology;

import dev.chorus.command.Command;
import dev.chorus.delivery.Delivery;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.user.UserState;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.Rules;
import dev.chorus.topic.Topic;
import dev.chorus.topic.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A {@link TopologyTestDriver} running the production topology, with typed access to its topics and
 * stores. One per test, closed after it.
 */
final class ChorusDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Command> commands;
    private final TestInputTopic<String, byte[]> rawCommands;
    private final TestOutputTopic<String, DomainEvent> events;
    /** The same records as {@link #events}, as the bytes written: reading either consumes them. */
    private final TestOutputTopic<String, byte[]> rawEvents;
    private final TestOutputTopic<String, Delivery> deliveries;
    private final TestOutputTopic<String, Group> directory;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Path stateDir;

    /** Runs under exactly_once_v2, as production does. */
    ChorusDriver() {
        this(StreamsConfig.EXACTLY_ONCE_V2);
    }

    ChorusDriver(String processingGuarantee) {
        stateDir = createStateDir();
        StreamsBuilder builder = new StreamsBuilder();
        ChorusTopology.build(builder, new ChorusTopology.Settings(Rules.DEFAULT_MAX_TEXT_CHARS));
        driver = new TopologyTestDriver(builder.build(), config(stateDir, processingGuarantee));
        commands = input(Topics.COMMANDS);
        rawCommands = driver.createInputTopic(Topics.COMMANDS.name(), new StringSerializer(),
                new ByteArraySerializer());
        events = output(Topics.EVENTS);
        rawEvents = driver.createOutputTopic(Topics.EVENTS.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        deliveries = output(Topics.DELIVERIES);
        directory = output(Topics.GROUP_DIRECTORY);
        deadLetters = output(Topics.COMMANDS_DEAD_LETTER);
    }

    private static Properties config(Path stateDir, String processingGuarantee) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "chorus-processor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(ChorusTopology.deadLetterConfig());
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

    /** Pipes the command keyed as a gateway keys it. */
    void send(Command command) {
        commands.pipeInput(command.key(), command);
    }

    /** Pipes the command with record headers of its own, as a gateway with tracing might. */
    void send(Command command, Headers headers) {
        commands.pipeInput(new TestRecord<>(command.key(), command, headers));
    }

    void sendRaw(String key, byte[] value) {
        rawCommands.pipeInput(key, value);
    }

    List<KeyValue<String, DomainEvent>> events() {
        return events.readKeyValuesToList();
    }

    /** The event records with their headers, timestamps and values. */
    List<TestRecord<String, DomainEvent>> eventRecords() {
        return events.readRecordsToList();
    }

    /** The event records as written, their values undecoded. */
    List<TestRecord<String, byte[]>> rawEventRecords() {
        return rawEvents.readRecordsToList();
    }

    List<KeyValue<String, Delivery>> deliveries() {
        return deliveries.readKeyValuesToList();
    }

    List<KeyValue<String, Group>> directoryUpdates() {
        return directory.readKeyValuesToList();
    }

    TestOutputTopic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    /** Forgets what the topics hold so far, so that a test's "then" sees only what its "when" caused. */
    void drain() {
        events.readRecordsToList();
        deliveries.readRecordsToList();
        directory.readRecordsToList();
    }

    KeyValueStore<String, GroupState> groups() {
        return driver.getKeyValueStore(ChorusTopology.GROUPS_STORE);
    }

    KeyValueStore<String, Long> seqs() {
        return driver.getKeyValueStore(ChorusTopology.SEQ_STORE);
    }

    KeyValueStore<String, Message> messages() {
        return driver.getKeyValueStore(ChorusTopology.MESSAGES_STORE);
    }

    KeyValueStore<String, Long> dedup() {
        return driver.getKeyValueStore(ChorusTopology.DEDUP_STORE);
    }

    KeyValueStore<String, Group> directoryStore() {
        return driver.getKeyValueStore(ChorusTopology.DIRECTORY_STORE);
    }

    KeyValueStore<String, UserState> userGroups() {
        return driver.getKeyValueStore(ChorusTopology.USER_GROUPS_STORE);
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
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
