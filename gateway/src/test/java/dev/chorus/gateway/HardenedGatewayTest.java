package dev.chorus.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import dev.chorus.gateway.connection.NettyTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway configured as in production: tokens from an OIDC identity provider only (RS256/ES256, keys from its
 * JWKS over real HTTP, issuer and audience checked, no clock skew), dev auth off, and small limits so each can
 * be reached in a test: 2 connections per user, 5 frames a second in bursts of 10 and a close after 5 refusals,
 * a ping every 500 ms answered within 500 ms, and compression switched on.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "chorus.gateway.id=gw-hardened",
                "chorus.gateway.auth.audiences=" + TestIdentityProvider.AUDIENCE,
                "chorus.gateway.auth.clock-skew=0s",
                "chorus.gateway.limits.max-connections-per-user=2",
                "chorus.gateway.rate-limit.events-per-second=5",
                "chorus.gateway.rate-limit.burst=10",
                "chorus.gateway.rate-limit.max-refusals=5",
                "chorus.gateway.heartbeat-interval=500ms",
                "chorus.gateway.pong-timeout=500ms",
                "chorus.gateway.permessage-deflate=true",
                "chorus.kafka.topic-partitions=3",
                "chorus.kafka.replication-factor=1",
                "chorus.gateway.media.dir=" + RunningGatewayTest.MEDIA_DIR})
class HardenedGatewayTest {

    /** One for this class and its Netty twin, whose cached contexts both use it: stopped with the JVM. */
    static final TestIdentityProvider IDP = TestIdentityProvider.start();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(IDP::close, "test-identity-provider-stop"));
    }

    @DynamicPropertySource
    static void kafkaAndIdentityProvider(DynamicPropertyRegistry registry) {
        registry.add("chorus.kafka.bootstrap-servers", SharedBroker::bootstrapServers);
        registry.add("chorus.gateway.auth.issuer-uri", IDP::issuer);
    }

    @LocalServerPort
    int port;

    @Autowired
    private ObjectProvider<NettyTransport> netty;

    private final List<TestSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestSocket::close);
    }


    @Test
    void rs256AndEs256TokensOfTheProviderConnect() {
        assertThat(connect(IDP.rs256("ada")).next("SYSTEM:CONNECTED").path("userId").asString()).isEqualTo("ada");
        assertThat(connect(IDP.es256("ben")).next("SYSTEM:CONNECTED").path("displayName").asString())
                .isEqualTo("User ben");
    }

    @Test
    void expiredForeignOrHs256TokensAreRefusedWith401() {
        Instant past = Instant.now().minusSeconds(5);
        String expired = IDP.token(JWSAlgorithm.RS256, IDP.claims("cid").issueTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past)).build());

        assertThat(refused(expired)).isEqualTo(401);
        assertThat(refused(IDP.fromStranger("cid"))).isEqualTo(401);
        assertThat(refused(IDP.token(JWSAlgorithm.RS256, IDP.claims("cid").audience("other").build()))).isEqualTo(401);
        assertThat(refused(TestTokens.valid("cid", "Cid"))).as("no HS256 secret configured").isEqualTo(401);
    }

    @Test
    void aConnectionIsClosedWith1008WhenItsTokenExpires() {
        String shortLived = IDP.token(JWSAlgorithm.ES256, IDP.claims("dee")
                .expirationTime(Date.from(Instant.now().plusSeconds(2))).build());
        TestSocket socket = connect(shortLived);
        socket.next("SYSTEM:CONNECTED");
        long start = System.nanoTime();

        assertThat(socket.awaitClose()).isEqualTo(1008);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aUserPastTheConnectionLimitIsRefusedWith429() {
        String token = IDP.rs256("eli");
        TestSocket first = connect(token);
        first.next("SYSTEM:CONNECTED");
        connect(token).next("SYSTEM:CONNECTED");

        assertThat(refused(token)).isEqualTo(429);
        assertThat(connect(IDP.rs256("fox")).next("SYSTEM:CONNECTED").path("userId").asString())
                .as("other users are not affected").isEqualTo("fox");

        first.close();
        awaitConnectable(token);
    }

    @Test
    void framesPastTheRateLimitAreRefusedAndAConnectionThatGoesOnIsClosedWith1008() {
        TestSocket socket = connect(IDP.rs256("gil"));
        socket.next("SYSTEM:CONNECTED");

        for (int i = 0; i < 40 && socket.isOpen(); i++) {
            try {
                socket.send("not json " + i);
            } catch (AssertionError closedMeanwhile) {
                break;
            }
        }

        assertThat(socket.awaitClose()).isEqualTo(1008);
        List<String> answers = socket.drain().stream().map(frame -> frame.path("data").path("code").asString())
                .toList();
        // the burst of 10 (and any token refilled meanwhile) is served; then 5 refusals; the 6th closes
        assertThat(answers.subList(0, 10)).containsOnly("BAD_REQUEST");
        assertThat(answers.stream().filter("RATE_LIMITED"::equals).count()).isEqualTo(5);
        assertThat(answers).containsOnly("BAD_REQUEST", "RATE_LIMITED");
    }

    @Test
    void aClientThatAnswersPingsStaysOpenAndOneThatDoesNotIsClosed() throws Exception {
        TestSocket answering = connect(IDP.rs256("hal"));
        answering.next("SYSTEM:CONNECTED");
        try (RawWebSocket silent = RawWebSocket.open(wsPort(), "/ws?access_token=" + IDP.rs256("ian"), Map.of())) {
            assertThat(silent.status).isEqualTo(101);
            assertThat(silent.nextOf(RawWebSocket.OPCODE_PING)).isNotNull();

            RawWebSocket.Frame close = silent.nextOf(RawWebSocket.OPCODE_CLOSE);

            assertThat(close.closeCode()).isEqualTo(1001);
        }
        answering.assertNoFrameWithin(Duration.ofMillis(1500));
        assertThat(answering.isOpen()).isTrue();
    }

    @Test
    void permessageDeflateIsNegotiatedWhenSwitchedOn() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + IDP.rs256("jan"),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
            assertThat(socket.status).isEqualTo(101);
            assertThat(socket.headers.get("sec-websocket-extensions")).startsWith("permessage-deflate");
        }
    }

    /** Compression does not carry a message past the frame limit: a small frame inflating past it closes with 1009. */
    @ParameterizedTest(name = "inflating to {0} bytes")
    @ValueSource(ints = {64 * 1024 + 1, 1024 * 1024})
    void aCompressedMessageThatInflatesPastTheFrameLimitClosesTheConnectionWith1009(int inflatedBytes)
            throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + IDP.rs256("ivy"),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
            socket.nextOf(RawWebSocket.OPCODE_TEXT);
            byte[] frame = RawWebSocket.compressedTextFrame(text(inflatedBytes));
            assertThat(frame.length).as("a frame far within the limit before it is inflated").isLessThan(2_000);

            socket.sendAtOnce(frame);

            assertThat(nextOtherThanPing(socket).closeCode()).isEqualTo(1009);
        }
    }

    /** The limit is the message's inflated size, and a message at it is handled, as an uncompressed one is. */
    @Test
    void aCompressedMessageAtTheFrameLimitIsHandled() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + IDP.rs256("jon"),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
            socket.nextOf(RawWebSocket.OPCODE_TEXT);

            socket.sendAtOnce(RawWebSocket.compressedTextFrame(text(64 * 1024)));

            assertThat(nextOtherThanPing(socket).opcode()).as("an answer (BAD_REQUEST), not a close")
                    .isEqualTo(RawWebSocket.OPCODE_TEXT);
        }
    }

    @Test
    void aCompressedFrameWhoseDataIsNotDeflateClosesTheConnectionWith1002() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + IDP.rs256("lev"),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
            socket.nextOf(RawWebSocket.OPCODE_TEXT);
            byte[] notDeflate = new byte[50];
            Arrays.fill(notDeflate, (byte) 0xFF); // a block type deflate does not have
            byte[] frame = RawWebSocket.frame(RawWebSocket.OPCODE_TEXT, true, notDeflate);
            frame[0] |= 0x40; // compressed

            socket.sendAtOnce(frame);

            assertThat(nextOtherThanPing(socket).closeCode()).isEqualTo(1002);
        }
    }

    /** Text that is not JSON: the gateway answers BAD_REQUEST whatever its length within the limit. */
    static byte[] text(int bytes) {
        byte[] text = new byte[bytes];
        Arrays.fill(text, (byte) 'a');
        return text;
    }

    /** The heartbeat pings every 500 ms here, and this client does not answer. */
    static RawWebSocket.Frame nextOtherThanPing(RawWebSocket socket) throws IOException {
        for (RawWebSocket.Frame frame = socket.next(); ; frame = socket.next()) {
            if (frame.opcode() != RawWebSocket.OPCODE_PING) {
                return frame;
            }
        }
    }

    @Test
    void devTokensDoNotExist() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dev/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"kim\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private TestSocket connect(String token) {
        TestSocket socket = TestSocket.connect(URI.create("ws://localhost:" + wsPort() + "/ws?access_token=" + token));
        sockets.add(socket);
        return socket;
    }

    private int refused(String token) {
        return TestSocket.refusedHandshakeStatus(URI.create("ws://localhost:" + wsPort() + "/ws?access_token=" + token),
                Map.of());
    }

    int wsPort() {
        return RunningGatewayTest.wsPort(netty, port);
    }

    /** The server forgets a closed connection a moment after the client closes it. */
    private void awaitConnectable(String token) {
        long deadline = System.nanoTime() + TestSocket.WAIT.toNanos();
        while (true) {
            try {
                connect(token).next("SYSTEM:CONNECTED");
                return;
            } catch (AssertionError stillFull) {
                if (System.nanoTime() > deadline) {
                    throw stillFull;
                }
            }
        }
    }
}
