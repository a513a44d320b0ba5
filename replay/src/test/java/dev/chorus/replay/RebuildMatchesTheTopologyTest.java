package dev.chorus.replay;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.topology.ChorusTopology;
import dev.chorus.protocol.Media;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Rules;
import dev.chorus.topic.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim replay rests on: folding the events the real topology wrote gives exactly the stores it keeps,
 * every table, key for key.
 */
class RebuildMatchesTheTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Command> commands;
    private int issued;

    @BeforeEach
    void startTheProcessorsTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        ChorusTopology.build(builder, new ChorusTopology.Settings(Rules.DEFAULT_MAX_TEXT_CHARS));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props);
        commands = driver.createInputTopic(Topics.COMMANDS.name(), Topics.COMMANDS.keySerde().serializer(),
                Topics.COMMANDS.valueSerde().serializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldRebuildFromTheEventsExactlyTheStoresTheProcessorKeeps() {
        send("alice", new CommandBody.CreateGroup("g-1", "Hikers", "Up the hill"));
        send("bob", new CommandBody.CreateGroup("g-2", "Quiet", null));
        send("carol", new CommandBody.CreateGroup("g-3", "Doomed", null));
        send("bob", new CommandBody.JoinGroup("g-1"));
        send("carol", new CommandBody.JoinGroup("g-1"));
        send("alice", new CommandBody.JoinGroup("g-2"));
        send("alice", new CommandBody.JoinGroup("g-3"));
        for (int i = 1; i <= 5; i++) {
            send(i % 2 == 0 ? "bob" : "carol", text("g-1", "message " + i, "c-" + i));
        }
        send("carol", text("g-1", "message 1 again", "c-1"));
        send("alice", new CommandBody.PostMessage("g-2", MessageKind.IMAGE, "look",
                new Media("https://media.example/a.png", "image/png", 10L, 1, 1, null), "img-1"));
        send("carol", text("g-3", "soon gone", "c-9"));
        send("alice", new CommandBody.LeaveGroup("g-1"));
        send("alice", new CommandBody.JoinGroup("g-1"));
        send("carol", new CommandBody.DeleteGroup("g-3"));
        send("dave", new CommandBody.JoinGroup("g-3"));
        send("bob", new CommandBody.LeaveGroup("g-2"));
        send("alice", new CommandBody.GetProfile());

        ReplayedState rebuilt = new ReplayedState();
        List<DomainEvent> events = driver.createOutputTopic(Topics.EVENTS.name(),
                Topics.EVENTS.keySerde().deserializer(), Topics.EVENTS.valueSerde().deserializer()).readValuesToList();
        events.forEach(rebuilt::apply);

        LiveState.Tables stores = new LiveState.Tables(store(ChorusTopology.GROUPS_STORE), store(ChorusTopology.SEQ_STORE),
                store(ChorusTopology.MESSAGES_STORE), store(ChorusTopology.DEDUP_STORE),
                store(ChorusTopology.USER_GROUPS_STORE), store(ChorusTopology.DIRECTORY_STORE));
        assertThat(events).hasSizeGreaterThan(20);
        assertThat(stores.messages()).hasSize(6);
        assertThat(StateDiff.between(rebuilt, stores)).isEmpty();
    }

    private void send(String user, CommandBody body) {
        issued++;
        Command command = new Command("cmd-" + issued, new Actor(user, user.toUpperCase(), null),
                new ReplyTo("gw-1", "conn-" + user), T0.plusSeconds(issued), body);
        commands.pipeInput(command.key(), command);
    }

    private static CommandBody text(String groupId, String text, String clientMessageId) {
        return new CommandBody.PostMessage(groupId, MessageKind.TEXT, text, null, clientMessageId);
    }

    private <V> SortedMap<String, V> store(String name) {
        KeyValueStore<String, V> store = driver.getKeyValueStore(name);
        SortedMap<String, V> table = new TreeMap<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> table.put(entry.key, entry.value));
        }
        return table;
    }
}
