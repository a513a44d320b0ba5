package dev.chorus.gateway;

import dev.chorus.command.Command;
import dev.chorus.topic.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Connecting: real HTTP handshakes, the greeting, the frame size limit and dev tokens. */
class ConnectionIntegrationTest extends RunningGatewayTest {

    /**
     * Closes raced against the writer, half by the client and half on broken UTF-8. Through Tomcat, before the
     * fix, about one try in twenty went wrong, so that 100 tries all pass by chance about once in 170 runs.
     */
    private static final int CLOSING_TRIES = 100;
    private static final int ANSWERED_BEFORE_CLOSE = 10;
    /** A text frame's payload that is not UTF-8: a lead byte, then no continuation byte. */
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, 0x28};

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

    @Test
    void aFrameOverTheByteLimitClosesTheConnectionWith1009() {
        TestSocket ascii = connect("jack", "Jack").socket();
        ascii.sendAndForget(text("g1", "a".repeat(70_000), null));
        assertThat(ascii.awaitClose()).isEqualTo(1009);

        // 30,000 characters pass the container's character count, but are 90,000 bytes.
        TestSocket multibyte = connect("jack", "Jack").socket();
        multibyte.sendAndForget(text("g1", "\u20ac".repeat(30_000), null));
        assertThat(multibyte.awaitClose()).isEqualTo(1009);

        TestSocket binary = connect("jack", "Jack").socket();
        binary.sendBinaryAndForget(new byte[70_000]);
        assertThat(binary.awaitClose()).isEqualTo(1009);
    }

    /**
     * A frame refused on its header while the client is still sending it: closing the socket at once with the
     * rest unread would reset it, and the client would lose the close frame (and see its send fail instead).
     * Through Netty, before the fix, this failed within the first seven tries in each of four runs.
     */
    @Test
    void aFrameRefusedWhileStillBeingSentStillGetsItsCloseCode() {
        int[] sizes = {70_000, 200_000, 1_000_000};
        for (int i = 0; i < 30; i++) {
            TestSocket socket = connect("jack", "Jack").socket();
            socket.sendBinaryAndForget(new byte[sizes[i % sizes.length]]);
            assertThat(socket.awaitClose()).isEqualTo(1009);
        }
    }

    /**
     * Requests behind text that is not UTF-8 are not handled: the connection is closing with 1007, so neither an
     * answer nor a command comes of them. Another user's request after them marks where the log is read to.
     */
    @Test
    void requestsBehindTextThatIsNotUtf8AreNotHandled() throws Exception {
        byte[] request = "{\"type\":\"USER:REFRESH_PROFILE\"}".getBytes(StandardCharsets.UTF_8);
        try (CommandsProbe commands = CommandsProbe.fromNow();
             RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("ursa", "Ursa"),
                     Map.of())) {
            List<byte[]> behind = new ArrayList<>();
            for (int r = 0; r < 10; r++) {
                behind.add(RawWebSocket.frame(RawWebSocket.OPCODE_TEXT, true, request));
            }
            sendNotUtf8ThenExpect1007First(socket, behind);

            connect("vera", "Vera").socket().send(new String(request, StandardCharsets.UTF_8));
            List<ConsumerRecord<String, Command>> written = commands.until(
                    command -> command.actor().userId().equals("vera"), Duration.ofMillis(500));
            assertThat(written).extracting(ConsumerRecord::key).containsExactly("vera");
        }
    }

    /**
     * After text that is not UTF-8, the connection only closes: a ping sent behind it gets no pong and a binary
     * frame no error, neither before the 1007 nor after it, and the socket ends once the client closes too.
     */
    @Test
    void aPingOrBinaryFrameBehindTextThatIsNotUtf8IsNotAnswered() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("ursa", "Ursa"),
                Map.of())) {
            sendNotUtf8ThenExpect1007First(socket, List.of(
                    RawWebSocket.frame(RawWebSocket.OPCODE_PING, true, "still there?".getBytes(StandardCharsets.UTF_8)),
                    RawWebSocket.frame(RawWebSocket.OPCODE_BINARY, true, new byte[]{1, 2, 3})));

            socket.send(RawWebSocket.OPCODE_CLOSE, true, new byte[]{0x03, (byte) 0xEF});
            assertThat(socket.atEnd()).as("nothing after the close").isTrue();
        }
    }

    /**
     * The client's close read together with the bad text before it: the server has already failed the connection,
     * so its close says why (1007) rather than echoing the client's 1000, and the socket then ends.
     */
    @Test
    void aCloseReadWithTextThatIsNotUtf8IsAnsweredWith1007() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("ursa", "Ursa"),
                    Map.of())) {
                sendNotUtf8ThenExpect1007First(socket, List.of(
                        RawWebSocket.frame(RawWebSocket.OPCODE_CLOSE, true, new byte[]{0x03, (byte) 0xE8})));
                assertThat(socket.atEnd()).as("nothing after the close").isTrue();
            }
        }
    }

    /**
     * After the greeting, sends text that is not UTF-8 and then {@code behind}, all in one write, so that the
     * server reads them together; the server's first frame back must be its 1007 close.
     */
    private static void sendNotUtf8ThenExpect1007First(RawWebSocket socket, List<byte[]> behind) throws IOException {
        socket.nextOf(RawWebSocket.OPCODE_TEXT);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(RawWebSocket.frame(RawWebSocket.OPCODE_TEXT, true, NOT_UTF8));
        behind.forEach(frames::writeBytes);
        socket.sendAtOnce(frames.toByteArray());

        RawWebSocket.Frame first = socket.next();
        assertThat(first.opcode()).as("the first frame after the greeting").isEqualTo(RawWebSocket.OPCODE_CLOSE);
        assertThat(first.closeCode()).isEqualTo(1007);
    }

    @Test
    void aForeignOriginIsRefusedWith403AndTheGatewaysOwnOriginOrNoneIsAllowed() throws Exception {
        String query = "?access_token=" + TestTokens.valid("olga", "Olga");

        assertThat(TestSocket.refusedHandshakeStatus(ws(query), Map.of("Origin", "https://evil.example")))
                .isEqualTo(403);
        int otherPort = port + 1 == wsPort() ? port + 2 : port + 1;
        assertThat(TestSocket.refusedHandshakeStatus(ws(query), Map.of("Origin", "http://localhost:" + otherPort)))
                .as("another port is another origin").isEqualTo(403);
        assertThat(TestSocket.refusedHandshakeStatus(ws(query), Map.of("Origin", "http://evil.example:" + port)))
                .as("another host on the gateway's port").isEqualTo(403);
        // the page the gateway serves, whichever port /ws is on
        track(TestSocket.connect(ws(query), Map.of("Origin", "http://localhost:" + port))).next("SYSTEM:CONNECTED");
        track(TestSocket.connect(ws(query), Map.of("Origin", "http://localhost:" + wsPort()))).next("SYSTEM:CONNECTED");
        track(TestSocket.connect(ws(query))).next("SYSTEM:CONNECTED");
    }

    @Test
    void permessageDeflateIsNotNegotiatedByDefault() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("otto", "Otto"),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
            assertThat(socket.status).isEqualTo(101);
            assertThat(socket.headers).doesNotContainKey("sec-websocket-extensions");
            assertThat(new String(socket.nextOf(RawWebSocket.OPCODE_TEXT).payload(), StandardCharsets.UTF_8))
                    .as("frames arrive uncompressed").contains("SYSTEM:CONNECTED");
        }
    }

    /**
     * A close that meets the connection's writer still at work: a client sends requests that are answered with
     * errors, then, in the same write, its close or a text frame that is not UTF-8, so the server closes while
     * it writes the answers. Every frame before the close arrives whole, and the close carries its code (1000
     * echoed, or 1007). On the servlet container the close used to be lost now and then (the socket simply
     * ended), or written into the middle of the answers.
     */
    @Test
    void aCloseThatMeetsTheWriterLeavesEveryFrameWholeAndCarriesItsCode() throws Exception {
        byte[] request = "{\"type\":\"NOPE\"}".getBytes(StandardCharsets.UTF_8);
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < CLOSING_TRIES; i++) {
            boolean clientCloses = i % 2 == 0;
            String user = "closer-" + i;
            try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid(user, user),
                    Map.of())) {
                ByteArrayOutputStream frames = new ByteArrayOutputStream();
                for (int r = 0; r < ANSWERED_BEFORE_CLOSE; r++) {
                    frames.writeBytes(RawWebSocket.frame(RawWebSocket.OPCODE_TEXT, true, request));
                }
                frames.writeBytes(clientCloses
                        ? RawWebSocket.frame(RawWebSocket.OPCODE_CLOSE, true, new byte[]{0x03, (byte) 0xE8})
                        : RawWebSocket.frame(RawWebSocket.OPCODE_TEXT, true, NOT_UTF8));
                socket.sendAtOnce(frames.toByteArray());
                String outcome = closeAfterWholeFrames(socket);
                String expected = "close " + (clientCloses ? 1000 : 1007);
                if (!outcome.equals(expected)) {
                    broken.add("try " + i + ": expected " + expected + ", got " + outcome);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    /** "close CODE" once every frame before it was whole JSON (or a ping or pong); otherwise what went wrong. */
    private static String closeAfterWholeFrames(RawWebSocket socket) {
        try {
            for (int frames = 0; ; frames++) {
                RawWebSocket.Frame frame = socket.next();
                switch (frame.opcode()) {
                    case RawWebSocket.OPCODE_CLOSE -> {
                        return "close " + frame.closeCode();
                    }
                    case RawWebSocket.OPCODE_TEXT -> {
                        String text = new String(frame.payload(), StandardCharsets.UTF_8);
                        try {
                            Json.mapper().readTree(text).get("type").asString();
                        } catch (RuntimeException notWhole) {
                            return "a broken text frame after " + frames + " frames: " + text;
                        }
                    }
                    case RawWebSocket.OPCODE_PING, RawWebSocket.OPCODE_PONG -> {
                    }
                    default -> {
                        return "opcode " + frame.opcode() + " after " + frames + " frames";
                    }
                }
            }
        } catch (IOException ended) {
            return "the socket ended without a close frame (" + ended + ")";
        }
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
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(http("/api/dev/token"))
                        .header("Content-Type", "application/json")
                        .timeout(TestSocket.WAIT)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
