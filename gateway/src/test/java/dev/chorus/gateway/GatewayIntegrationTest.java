package dev.chorus.gateway;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.MessageKind;
import dev.chorus.topic.Json;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as a client and the processor see it: a real KRaft broker, the real application on a random
 * port, real WebSocket handshakes and frames.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "chorus.gateway.id=" + GatewayIntegrationTest.GATEWAY_ID,
                "chorus.gateway.auth.hs256-secret=" + TestTokens.SECRET,
                "chorus.gateway.auth.dev-enabled=true",
                "chorus.kafka.topic-partitions=3",
                "chorus.kafka.replication-factor=1"})
class GatewayIntegrationTest {

    static final String GATEWAY_ID = "gw-it";
    /** Long enough for a command the gateway wrongly produced to show up after the one it rightly did. */
    private static final Duration SETTLE = Duration.ofMillis(750);

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("chorus.kafka.bootstrap-servers", SharedBroker::bootstrapServers);
    }

    @LocalServerPort
    int port;

    private final List<TestSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestSocket::close);
    }

    record Client(TestSocket socket, String connectionId) {
    }

    @Test
    void aHandshakeWithoutAValidTokenIsRefusedWith401() {
        assertThat(TestSocket.refusedHandshakeStatus(ws(""), Map.of())).isEqualTo(401);
        assertThat(TestSocket.refusedHandshakeStatus(ws("?access_token=garbage"), Map.of())).isEqualTo(401);
        assertThat(TestSocket.refusedHandshakeStatus(ws("?access_token=" + TestTokens.expired("alice")), Map.of()))
                .isEqualTo(401);
        assertThat(TestSocket.refusedHandshakeStatus(
                ws("?access_token=" + TestTokens.signedWith(TestTokens.OTHER_SECRET, "alice")), Map.of()))
                .isEqualTo(401);
        assertThat(TestSocket.refusedHandshakeStatus(ws(""), Map.of("Authorization", "Bearer garbage")))
                .isEqualTo(401);
    }

    @Test
    void aValidTokenInTheHeaderConnectsAndIsGreetedWithConnected() {
        TestSocket socket = track(TestSocket.connect(ws(""),
                Map.of("Authorization", "Bearer " + TestTokens.valid("hana", "Hana"))));

        JsonNode connected = socket.next("SYSTEM:CONNECTED");

        assertThat(connected.path("connectionId").asString()).isNotBlank();
        assertThat(connected.path("userId").asString()).isEqualTo("hana");
        assertThat(connected.path("displayName").asString()).isEqualTo("Hana");
        assertThat(connected.path("heartbeatIntervalMs").asLong()).isEqualTo(25_000);
        assertThat(connected.path("limits").path("maxFrameBytes").asInt()).isEqualTo(65_536);
        assertThat(connected.path("limits").path("maxTextChars").asInt()).isEqualTo(4_000);
        assertThat(connected.path("limits").path("maxMediaBytes").asLong()).isEqualTo(10L * 1024 * 1024);
    }

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
                new Refused("{\"type\":\"CHAT:START_TYPING\",\"data\":{\"groupId\":\"g1\"}}", "UNKNOWN_TYPE",
                        "CHAT:START_TYPING", "g1", null),
                new Refused("{\"type\":\"CHAT:STOP_TYPING\",\"data\":{\"groupId\":\"g1\"}}", "UNKNOWN_TYPE",
                        "CHAT:STOP_TYPING", "g1", null),
                new Refused("{\"type\":\"CHAT:SEND_MESSAGE_AUDIO\",\"data\":{\"groupId\":\"g1\",\"mediaId\":\"m1\","
                        + "\"clientMessageId\":\"c3\"}}", "UNKNOWN_TYPE", "CHAT:SEND_MESSAGE_AUDIO", "g1", "c3"));

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
            assertThat(command.replyTo()).isEqualTo(new ReplyTo(GATEWAY_ID, frank.connectionId()));
            assertThat(command.body()).isEqualTo(
                    new CommandBody.PostMessage("g-frank", MessageKind.TEXT, "hello", null, "m-1"));
            assertThat(command.issuedAt()).isNotNull();
            assertThat(frank.socket().isOpen()).isTrue();
        }
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
    void eachDeliveryReachesExactlyItsAudienceAndAbortedOnesNobody() {
        Client alice1 = connect("d-alice", "Alice");
        Client alice2 = connect("d-alice", "Alice");
        Client bob = connect("d-bob", "Bob");
        Client carol = connect("d-carol", "Carol");

        try (KafkaProducer<String, Delivery> deliveries = transactionalDeliveriesProducer()) {
            deliveries.initTransactions();
            deliveries.beginTransaction();
            deliveries.send(delivery(new Audience.Everyone(), "TEST:ABORTED"));
            deliveries.abortTransaction();

            deliveries.beginTransaction();
            deliveries.send(delivery(new Audience.Users(List.of("d-alice", "d-bob", "d-nobody")), "TEST:USERS"));
            deliveries.send(delivery(new Audience.User("d-bob"), "TEST:USER"));
            deliveries.send(delivery(new Audience.Connection(GATEWAY_ID, alice2.connectionId()), "TEST:CONNECTION"));
            deliveries.send(delivery(new Audience.Connection("gw-elsewhere", alice1.connectionId()), "TEST:ELSEWHERE"));
            deliveries.send(delivery(new Audience.Everyone(), "TEST:EVERYONE"));
            deliveries.commitTransaction();
        }

        // One key keeps them in order on one partition, so EVERYONE, the last, closes what each one received.
        assertFrames(alice1, "TEST:USERS", "TEST:EVERYONE");
        assertFrames(alice2, "TEST:USERS", "TEST:CONNECTION", "TEST:EVERYONE");
        assertFrames(bob, "TEST:USERS", "TEST:USER", "TEST:EVERYONE");
        assertFrames(carol, "TEST:EVERYONE");
    }

    @Test
    void anUnreadableDeliveryIsSkippedAndTheOnesAfterItStillArrive() {
        Client ivan = connect("ivan", "Ivan");
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.DELIVERIES.name(), 0, null, bytes("not a delivery")));
            raw.send(new ProducerRecord<>(Topics.DELIVERIES.name(), 0, null,
                    bytes("{\"audience\":{\"kind\":\"martians\"},\"frame\":{\"type\":\"TEST:MARS\",\"data\":{}}}")));
            raw.send(new ProducerRecord<>(Topics.DELIVERIES.name(), 0, null, bytes(Json.mapper().writeValueAsString(
                    new Delivery(new Audience.User("ivan"), new Envelope("TEST:AFTER", Json.mapper().createObjectNode()))))));
        }

        assertFrames(ivan, "TEST:AFTER");
    }

    @Test
    void aFrameOverTheByteLimitClosesTheConnectionWith1009() {
        TestSocket ascii = connect("jack", "Jack").socket();
        ascii.sendAndForget(text("g1", "a".repeat(70_000), null));
        assertThat(ascii.awaitClose()).isEqualTo(1009);

        // 30,000 characters pass the container's character count, but are 90,000 bytes.
        TestSocket multibyte = connect("jack", "Jack").socket();
        multibyte.sendAndForget(text("g1", "\u20ac".repeat(30_000), null));
        assertThat(multibyte.awaitClose()).isEqualTo(1009);
    }

    @Test
    void theDevTokenEndpointMintsTokensTheGatewayAccepts() throws Exception {
        HttpResponse<String> minted = postDevToken("{\"userId\":\"kate\",\"displayName\":\"Kate\"}");
        assertThat(minted.statusCode()).isEqualTo(200);
        String token = Json.mapper().readTree(minted.body()).path("token").asString();

        TestSocket socket = track(TestSocket.connect(ws("?access_token=" + token)));
        JsonNode connected = socket.next("SYSTEM:CONNECTED");
        assertThat(connected.path("userId").asString()).isEqualTo("kate");
        assertThat(connected.path("displayName").asString()).isEqualTo("Kate");

        for (String bad : List.of("", "nope", "[]", "{}", "{\"userId\":42}", "{\"userId\":\" \"}",
                "{\"userId\":\"kate\",\"displayName\":7}")) {
            HttpResponse<String> refused = postDevToken(bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(Json.mapper().readTree(refused.body()).path("code").asString()).as(bad).isEqualTo("BAD_REQUEST");
        }
    }

    private HttpResponse<String> postDevToken(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dev/token"))
                        .header("Content-Type", "application/json")
                        .timeout(TestSocket.WAIT)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Client connect(String userId, String name) {
        TestSocket socket = track(TestSocket.connect(ws("?access_token=" + TestTokens.valid(userId, name))));
        return new Client(socket, socket.next("SYSTEM:CONNECTED").path("connectionId").asString());
    }

    private TestSocket track(TestSocket socket) {
        sockets.add(socket);
        return socket;
    }

    private URI ws(String query) {
        return URI.create("ws://localhost:" + port + "/ws" + query);
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

    private static void assertFrames(Client client, String... types) {
        for (String type : types) {
            client.socket().next(type);
        }
    }

    private static String text(String groupId, String text, String clientMessageId) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("groupId", groupId);
        data.put("text", text);
        if (clientMessageId != null) {
            data.put("clientMessageId", clientMessageId);
        }
        return Json.mapper().writeValueAsString(Map.of("type", "CHAT:SEND_MESSAGE_TEXT", "data", data));
    }

    private static ProducerRecord<String, Delivery> delivery(Audience audience, String type) {
        return new ProducerRecord<>(Topics.DELIVERIES.name(), "test-key",
                new Delivery(audience, new Envelope(type, Json.mapper().createObjectNode().put("n", type))));
    }

    private static KafkaProducer<String, Delivery> transactionalDeliveriesProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-deliveries-" + UUID.randomUUID()),
                Topics.DELIVERIES.keySerde().serializer(), Topics.DELIVERIES.valueSerde().serializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
