package dev.chorus.gateway;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.protocol.MessageKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames in, commands out: validation before Kafka, and the actor always the token's subject. */
class CommandIntegrationTest extends RunningGatewayTest {

    /** Long enough for a command the gateway wrongly produced to show up after the one it rightly did. */
    private static final Duration SETTLE = Duration.ofMillis(750);

    record Refused(String frame, String code, String requestType, String groupId, String clientMessageId) {
    }

    @Test
    void everyMalformedFrameIsAnsweredWithAnErrorTheConnectionStaysOpenAndNothingReachesKafka() {
        List<Refused> refusals = List.of(
                new Refused("this is not json", "BAD_REQUEST", null, null, null),
                new Refused("[\"GROUP:GET_ALL_GROUPS\"]", "BAD_REQUEST", null, null, null),
                new Refused("{\"data\":{}}", "BAD_REQUEST", null, null, null),
                new Refused("{\"type\":7,\"data\":{}}", "BAD_REQUEST", null, null, null),
                new Refused("{\"type\":\"GROUP:JOIN_GROUP\",\"data\":\"g1\"}", "BAD_REQUEST",
                        "GROUP:JOIN_GROUP", null, null),
                new Refused("{\"type\":\"GROUP:SHOUT\",\"data\":{\"groupId\":\"g1\"}}", "UNKNOWN_TYPE",
                        "GROUP:SHOUT", "g1", null),
                new Refused("{\"type\":\"GROUP:JOIN_GROUP\",\"data\":{}}", "BAD_REQUEST", "GROUP:JOIN_GROUP", null, null),
                new Refused("{\"type\":\"GROUP:JOIN_GROUP\",\"data\":{\"groupId\":7}}", "BAD_REQUEST",
                        "GROUP:JOIN_GROUP", null, null),
                new Refused("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":\"\"}}", "BAD_REQUEST",
                        "GROUP:ADD_GROUP", null, null),
                new Refused(text("g1", "x".repeat(4_001), "c1"), "TOO_LARGE", "CHAT:SEND_MESSAGE_TEXT", "g1", "c1"),
                new Refused(text("g1", "   ", "c2"), "BAD_REQUEST", "CHAT:SEND_MESSAGE_TEXT", "g1", "c2"),
                new Refused("{\"type\":\"CHAT:GET_INIT_MESSAGES\",\"data\":{\"groupId\":\"g1\",\"limit\":\"10\"}}",
                        "BAD_REQUEST", "CHAT:GET_INIT_MESSAGES", "g1", null),
                new Refused("{\"type\":\"CHAT:GET_INIT_MESSAGES\",\"data\":{\"groupId\":\"g1\",\"beforeSeq\":3,"
                        + "\"afterSeq\":1}}", "BAD_REQUEST", "CHAT:GET_INIT_MESSAGES", "g1", null),
                new Refused("{\"type\":\"CHAT:SEND_MESSAGE_GIF\",\"data\":{\"groupId\":\"g1\",\"url\":"
                        + "\"http://x.example/a.gif\"}}", "BAD_REQUEST", "CHAT:SEND_MESSAGE_GIF", "g1", null),
                new Refused("{\"type\":\"CHAT:SEND_MESSAGE_IMAGE\",\"data\":{\"groupId\":\"g1\",\"mediaId\":\"m1\","
                        + "\"url\":\"https://x.example/a.png\"}}", "BAD_REQUEST", "CHAT:SEND_MESSAGE_IMAGE", "g1", null),
                new Refused("{\"type\":\"CHAT:START_TYPING\",\"data\":{}}", "BAD_REQUEST",
                        "CHAT:START_TYPING", null, null),
                new Refused("{\"type\":\"CHAT:STOP_TYPING\",\"data\":{\"groupId\":7}}", "BAD_REQUEST",
                        "CHAT:STOP_TYPING", null, null),
                new Refused("{\"type\":\"CHAT:SEND_MESSAGE_AUDIO\",\"data\":{\"groupId\":\"g1\",\"mediaId\":\"m1\","
                        + "\"clientMessageId\":\"c3\"}}", "NOT_FOUND", "CHAT:SEND_MESSAGE_AUDIO", "g1", "c3"));

        try (CommandsProbe commands = CommandsProbe.fromNow()) {
            TestSocket socket = connect("erin", "Erin").socket();
            for (Refused refused : refusals) {
                socket.send(refused.frame());
                assertError(socket.next("SYSTEM:ERROR"), refused);
            }
            socket.sendBinary("{\"type\":\"GROUP:GET_ALL_GROUPS\"}".getBytes(StandardCharsets.UTF_8));
            assertError(socket.next("SYSTEM:ERROR"), new Refused("", "BAD_REQUEST", null, null, null));
            assertThat(socket.isOpen()).isTrue();

            // One valid request after them all: the only command that may reach the log.
            socket.send("{\"type\":\"USER:REFRESH_PROFILE\"}");
            List<ConsumerRecord<String, Command>> written = commands.until(
                    command -> command.body() instanceof CommandBody.GetProfile, SETTLE);

            assertThat(written).extracting(ConsumerRecord::value).extracting(Command::body)
                    .containsExactly(new CommandBody.GetProfile());
            assertThat(written.get(0).key()).isEqualTo("erin");
            assertThat(socket.isOpen()).isTrue();
        }
    }

    @Test
    void aValidSendReachesTheCommandsTopicAsTheTokensSubjectWhateverTheDataClaims() {
        try (CommandsProbe commands = CommandsProbe.fromNow()) {
            Client frank = connect("frank", "Frank");
            frank.socket().send("{\"type\":\"CHAT:SEND_MESSAGE_TEXT\",\"data\":{\"groupId\":\"g-frank\","
                    + "\"text\":\"hello\",\"clientMessageId\":\"m-1\",\"userId\":\"mallory\","
                    + "\"sender\":{\"userId\":\"mallory\",\"displayName\":\"Mallory\"}}}");

            List<ConsumerRecord<String, Command>> written = commands.until(
                    command -> command.body() instanceof CommandBody.PostMessage, SETTLE);

            assertThat(written).hasSize(1);
            ConsumerRecord<String, Command> record = written.get(0);
            Command command = record.value();
            assertThat(record.key()).isEqualTo("g-frank");
            assertThat(command.actor().userId()).isEqualTo("frank");
            assertThat(command.actor().displayName()).isEqualTo("Frank");
            assertThat(command.replyTo()).isEqualTo(new ReplyTo(gatewayId(), frank.connectionId()));
            assertThat(command.body()).isEqualTo(
                    new CommandBody.PostMessage("g-frank", MessageKind.TEXT, "hello", null, "m-1"));
            assertThat(command.issuedAt()).isNotNull();
            assertThat(frank.socket().isOpen()).isTrue();
        }
    }

    /**
     * The container's buffers are small (chorus.gateway.io-buffer-bytes, 1 KB), so these frames reach the
     * handler in parts: 4,000 three-byte characters, whole and split by the client into three frames.
     */
    @Test
    void aLongMessageArrivesWholeWhetherSentInOneFrameOrInSeveral() {
        String text = "\u20ac".repeat(3_999) + "!";
        String frame = "{\"type\":\"CHAT:SEND_MESSAGE_TEXT\",\"data\":{\"groupId\":\"g-long\",\"text\":\"" + text
                + "\",\"clientMessageId\":\"m-%d\"}}";
        try (CommandsProbe commands = CommandsProbe.fromNow()) {
            TestSocket socket = connect("lena", "Lena").socket();
            socket.send(frame.formatted(1));
            String second = frame.formatted(2);
            socket.sendInFragments(second, 10, 2_000);

            List<ConsumerRecord<String, Command>> written = commands.until(
                    command -> command.body() instanceof CommandBody.PostMessage post
                            && "m-2".equals(post.clientMessageId()), SETTLE);

            assertThat(written).extracting(ConsumerRecord::value).extracting(Command::body).containsExactly(
                    new CommandBody.PostMessage("g-long", MessageKind.TEXT, text, null, "m-1"),
                    new CommandBody.PostMessage("g-long", MessageKind.TEXT, text, null, "m-2"));
            assertThat(socket.isOpen()).isTrue();
        }
    }

    /** A binary message longer than the container's buffer comes in parts, and is refused once, not per part. */
    @Test
    void aLongBinaryMessageIsRefusedOnce() {
        TestSocket socket = connect("bert", "Bert").socket();
        socket.sendBinary(new byte[5_000]);
        assertError(socket.next("SYSTEM:ERROR"), new Refused("", "BAD_REQUEST", null, null, null));

        socket.send("{\"type\":\"CHAT:STOP_TYPING\",\"data\":{\"groupId\":7}}");
        JsonNode next = socket.next();
        assertThat(next.path("type").asString()).isEqualTo("SYSTEM:ERROR");
        assertThat(next.path("data").path("requestType").asString())
                .as("the answer to the next frame, not a second one to the binary message")
                .isEqualTo("CHAT:STOP_TYPING");
    }

    @Test
    void aNewGroupIsNamedByTheGatewayAndKeyedByThatName() {
        try (CommandsProbe commands = CommandsProbe.fromNow()) {
            connect("gail", "Gail").socket()
                    .send("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":\"Climbing\",\"groupId\":\"mine\"}}");

            ConsumerRecord<String, Command> record = commands.until(
                    command -> command.body() instanceof CommandBody.CreateGroup, SETTLE).get(0);

            CommandBody.CreateGroup create = (CommandBody.CreateGroup) record.value().body();
            assertThat(UUID.fromString(create.groupId())).isNotNull();
            assertThat(record.key()).isEqualTo(create.groupId());
            assertThat(create.name()).isEqualTo("Climbing");
        }
    }

    @Test
    void aUsersFirstConnectionAsksForTheirGroupsOnceUnderAReplyAddressThatNamesNoConnection() {
        try (CommandsProbe commands = CommandsProbe.fromNowWithIndexRequests()) {
            Client first = connect("hugo", "Hugo");
            Client second = connect("hugo", "Hugo");

            List<ConsumerRecord<String, Command>> written = commands.until(
                    command -> command.body() instanceof CommandBody.GetProfile, SETTLE);

            assertThat(written).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("hugo");
                assertThat(record.value().actor().userId()).isEqualTo("hugo");
                assertThat(record.value().replyTo().gatewayId()).isEqualTo(gatewayId());
                assertThat(record.value().replyTo().connectionId())
                        .isNotIn(first.connectionId(), second.connectionId());
            });
        }
    }

    private static void assertError(JsonNode error, Refused expected) {
        assertThat(error.path("code").asString()).as(expected.frame()).isEqualTo(expected.code());
        assertThat(error.path("message").asString()).as(expected.frame()).isNotBlank();
        assertNullable(error, "requestType", expected.requestType(), expected.frame());
        assertNullable(error, "groupId", expected.groupId(), expected.frame());
        assertNullable(error, "clientMessageId", expected.clientMessageId(), expected.frame());
    }

    /** PROTOCOL.md: the field is always there, {@code null} when unknown. */
    private static void assertNullable(JsonNode data, String field, String expected, String frame) {
        assertThat(data.has(field)).as("%s in the answer to %s", field, frame).isTrue();
        if (expected == null) {
            assertThat(data.get(field).isNull()).as("%s in the answer to %s", field, frame).isTrue();
        } else {
            assertThat(data.get(field).asString()).as("%s in the answer to %s", field, frame).isEqualTo(expected);
        }
    }
}
