package dev.chorus.topic;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.delivery.Typing;
import dev.chorus.event.DomainEvent;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Media;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.Sender;
import dev.chorus.protocol.ServerEventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record on every topic survives the topic's own serde, and readers ignore fields they do not know. */
class RoundTripTest {

    private static final Instant T = Instant.parse("2026-11-24T10:15:30.123Z");
    private static final Actor ALICE = new Actor("alice", "Alice", null);
    private static final Member OWNER = new Member("alice", "Alice", "https://img.example/a.png", Role.OWNER, T);
    private static final Message MESSAGE = new Message("m1", "g1", 7, MessageKind.TEXT,
            new Sender("alice", "Alice"), "hello", null, "c1", T);

    static Stream<CommandBody> commandBodies() {
        return Stream.of(
                new CommandBody.CreateGroup("g1", "Friends", null),
                new CommandBody.CreateGroup("g1", "Friends", "the description"),
                new CommandBody.DeleteGroup("g1"),
                new CommandBody.JoinGroup("g1"),
                new CommandBody.LeaveGroup("g1"),
                new CommandBody.ListGroups(),
                new CommandBody.GetInitData("g1"),
                new CommandBody.GetMessages("g1", 20, 41L, null),
                new CommandBody.GetMessages("g1", null, null, 0L),
                new CommandBody.PostMessage("g1", MessageKind.TEXT, "hi 👋", null, "c-1"),
                new CommandBody.PostMessage("g1", MessageKind.IMAGE, null,
                        new Media("https://m.example/x.png", "image/png", 120L, 640, 480, null), null),
                new CommandBody.GetProfile());
    }

    static Stream<DomainEvent> domainEvents() {
        return Stream.of(
                new DomainEvent.GroupCreated("g1", "Friends", null, "alice", T),
                new DomainEvent.MemberJoined("g1", OWNER, T),
                new DomainEvent.MemberLeft("g1", "bob", T),
                new DomainEvent.OwnershipTransferred("g1", "alice", "bob", T),
                new DomainEvent.GroupDeleted("g1", "alice", T),
                new DomainEvent.MessagePosted("g1", MESSAGE, T));
    }

    static Stream<Audience> audiences() {
        return Stream.of(new Audience.Users(List.of("alice", "bob")), new Audience.User("alice"),
                new Audience.Connection("gw-1", "c-9"), new Audience.Everyone());
    }

    @ParameterizedTest
    @MethodSource("commandBodies")
    void commandsRoundTrip(CommandBody body) {
        var command = new Command("cmd-1", ALICE, new ReplyTo("gw-1", "conn-1"), T, body);

        assertThat(roundTrip(Topics.COMMANDS, command)).isEqualTo(command);
    }

    @ParameterizedTest
    @MethodSource("domainEvents")
    void domainEventsRoundTrip(DomainEvent event) {
        assertThat(roundTrip(Topics.EVENTS, event)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("audiences")
    void deliveriesRoundTrip(Audience audience) {
        var delivery = new Delivery(audience, Envelope.of(ServerEventType.MESSAGE_RETURN_TEXT, MESSAGE));

        // Frames are JSON trees, whose number nodes compare by their Java type: compare the JSON instead.
        Delivery read = roundTrip(Topics.DELIVERIES, delivery);
        assertThat(read.audience()).isEqualTo(audience);
        assertThat(Json.mapper().writeValueAsString(read)).isEqualTo(Json.mapper().writeValueAsString(delivery));
        assertThat(Json.mapper().treeToValue(read.frame().data(), Message.class)).isEqualTo(MESSAGE);
    }

    @Test
    void groupSummariesAndTypingRoundTrip() {
        var group = new Group("g1", "Friends", null, "alice", T, 3);
        var typing = new Typing("g1", "alice", "Alice", true, "gw-1", T);

        assertThat(roundTrip(Topics.GROUP_DIRECTORY, group)).isEqualTo(group);
        assertThat(roundTrip(Topics.EPHEMERAL, typing)).isEqualTo(typing);
    }

    @Test
    void typeNamesAreStableWireNamesNotClassNames() {
        String json = new String(Topics.EVENTS.valueSerde().serializer()
                .serialize("t", new DomainEvent.MessagePosted("g1", MESSAGE, T)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"type\":\"chorus.message.posted.v1\"").doesNotContain("dev.chorus");
        assertThat(json).contains("\"kind\":\"text\"").contains("\"sentAt\":\"2026-11-24T10:15:30.123Z\"");
    }

    @Test
    void unknownFieldsAreIgnoredAtEveryLevel() {
        var command = new Command("cmd-1", ALICE, new ReplyTo("gw-1", "conn-1"), T,
                new CommandBody.PostMessage("g1", MessageKind.TEXT, "hi", null, "c-1"));
        ObjectNode tree = Json.mapper().valueToTree(command);
        tree.put("addedInV2", 42);
        ((ObjectNode) tree.get("body")).put("priority", "high");
        ((ObjectNode) tree.get("actor")).putObject("extra").put("x", 1);

        byte[] newerWriter = Json.mapper().writeValueAsBytes(tree);

        assertThat(Topics.COMMANDS.valueSerde().deserializer().deserialize("t", newerWriter)).isEqualTo(command);
    }

    @Test
    void nullsAreSerializedAsNullSoClientsSeeEveryProtocolField() {
        String json = Json.mapper().writeValueAsString(new Group("g1", "Friends", null, "alice", T, 1));

        assertThat(json).contains("\"description\":null");
    }

    private static <V> V roundTrip(Topic<String, V> topic, V value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    }
}
