package dev.chorus.gateway;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.protocol.MessageKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only Netty's {@code /ws} does itself, on raw sockets: the HTTP answers to what is not an upgrade, joining
 * a message's frames, the close handshake and pings. The rest of the protocol is proven on Netty by the
 * {@code Netty*IntegrationTest}s, which run the web server's tests again through it.
 */
@OnNetty
class NettyTransportIntegrationTest extends RunningGatewayTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);

    @Test
    void nettyServesWsOnItsOwnPortBesideTheWebServer() {
        assertThat(wsPort()).isNotEqualTo(port);
        TestSocket onNetty = track(TestSocket.connect(ws("?access_token=" + TestTokens.valid("nina", "Nina"))));
        TestSocket onWebServer = track(TestSocket.connect(
                URI.create("ws://localhost:" + port + "/ws?access_token=" + TestTokens.valid("nina", "Nina"))));

        String netty = onNetty.next("SYSTEM:CONNECTED").path("connectionId").asString();
        String webServer = onWebServer.next("SYSTEM:CONNECTED").path("connectionId").asString();

        assertThat(netty).isNotEqualTo(webServer);
    }

    @Test
    void whatIsNotAnUpgradeOfWsGetsTheStatusTheWebServerWouldGive() throws Exception {
        String token = "access_token=" + TestTokens.valid("omar", "Omar");
        String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

        assertThat(status("GET /api/dev/token HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Version: 13\r\n"))
                .as("only /ws is served here").isEqualTo(404);
        assertThat(status("GET /ws HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Version: 13\r\n"))
                .as("no token").isEqualTo(401);
        assertThat(status("POST /ws?" + token + " HTTP/1.1\r\nContent-Length: 0\r\n")).isEqualTo(405);
        assertThat(status("GET /ws?" + token + " HTTP/1.1\r\n")).as("not an upgrade").isEqualTo(400);
        assertThat(status("GET /ws?" + token + " HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Version: 8\r\n"))
                .as("another WebSocket version").isEqualTo(426);
    }

    @Test
    void aTextMessageInSeveralFramesSplitInsideACharacterArrivesWhole() throws Exception {
        String text = "\u20ac uro, \uD83C\uDFB5 and \u00e9";
        byte[] frame = ("{\"type\":\"CHAT:SEND_MESSAGE_TEXT\",\"data\":{\"groupId\":\"g-split\",\"text\":\"" + text
                + "\",\"clientMessageId\":\"split-1\"}}").getBytes(StandardCharsets.UTF_8);
        int euro = indexOf(frame, (byte) 0xE2) + 1;  // between the first and second byte of the euro sign
        int note = indexOf(frame, (byte) 0xF0) + 2;  // inside the four bytes of the musical note
        try (CommandsProbe commands = CommandsProbe.fromNow();
             RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("pia", "Pia"),
                     Map.of())) {
            assertThat(socket.status).isEqualTo(101);
            socket.send(RawWebSocket.OPCODE_TEXT, false, Arrays.copyOfRange(frame, 0, euro));
            socket.send(RawWebSocket.OPCODE_CONTINUATION, false, Arrays.copyOfRange(frame, euro, note));
            socket.send(RawWebSocket.OPCODE_CONTINUATION, true, Arrays.copyOfRange(frame, note, frame.length));

            List<ConsumerRecord<String, Command>> written = commands.until(
                    command -> command.body() instanceof CommandBody.PostMessage, SETTLE);

            assertThat(written).extracting(ConsumerRecord::value).extracting(Command::body).containsExactly(
                    new CommandBody.PostMessage("g-split", MessageKind.TEXT, text, null, "split-1"));
        }
    }

    @Test
    void aMessageWhoseFramesTogetherPassTheLimitClosesTheConnectionWith1009() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("quin", "Quin"),
                Map.of())) {
            byte[] part = "a".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
            socket.send(RawWebSocket.OPCODE_TEXT, false, part);
            socket.send(RawWebSocket.OPCODE_CONTINUATION, true, part);

            assertThat(socket.nextOf(RawWebSocket.OPCODE_CLOSE).closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aTextMessageThatIsNotUtf8ClosesTheConnectionWith1007WholeOrInFrames() throws Exception {
        byte[] surrogate = {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        try (RawWebSocket whole = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("tess", "Tess"),
                Map.of())) {
            whole.send(RawWebSocket.OPCODE_TEXT, true, surrogate);

            assertThat(whole.nextOf(RawWebSocket.OPCODE_CLOSE).closeCode()).isEqualTo(1007);
        }
        try (RawWebSocket parts = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("tess", "Tess"),
                Map.of())) {
            parts.send(RawWebSocket.OPCODE_TEXT, false, Arrays.copyOfRange(surrogate, 0, 3));
            parts.send(RawWebSocket.OPCODE_CONTINUATION, true, Arrays.copyOfRange(surrogate, 3, surrogate.length));

            assertThat(parts.nextOf(RawWebSocket.OPCODE_CLOSE).closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void aClientsCloseIsAnsweredWithItsStatusAndTheSocketClosed() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("rita", "Rita"),
                Map.of())) {
            socket.nextOf(RawWebSocket.OPCODE_TEXT);
            socket.send(RawWebSocket.OPCODE_CLOSE, true, ByteBuffer.allocate(2).putShort((short) 4000).array());

            assertThat(socket.nextOf(RawWebSocket.OPCODE_CLOSE).closeCode()).isEqualTo(4000);
            assertThat(socket.atEnd()).isTrue();
        }
    }

    @Test
    void aClientsPingIsAnsweredWithAPongOfTheSamePayload() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + TestTokens.valid("sam", "Sam"),
                Map.of())) {
            socket.send(RawWebSocket.OPCODE_PING, true, "are you there".getBytes(StandardCharsets.US_ASCII));

            RawWebSocket.Frame pong = socket.nextOf(RawWebSocket.OPCODE_PONG);

            assertThat(new String(pong.payload(), StandardCharsets.US_ASCII)).isEqualTo("are you there");
        }
    }

    /**
     * A client that pings without reading costs the gateway one pong, not one per ping: the pongs the socket does
     * not take wait as the newest ping's payload alone, which is answered once the client reads again.
     */
    @Test
    void aClientThatPingsWithoutReadingGetsAPongForItsNewestPingNotForEach() throws Exception {
        int pings = 100_000;
        byte[] payload = new byte[125]; // the largest a control frame may carry, for pongs that fill the socket
        try (RawWebSocket socket = RawWebSocket.openWithReceiveBuffer(wsPort(),
                "/ws?access_token=" + TestTokens.valid("uma", "Uma"), 16 * 1024)) {
            socket.nextOf(RawWebSocket.OPCODE_TEXT);
            byte[] ping = RawWebSocket.frame(RawWebSocket.OPCODE_PING, true, payload);
            byte[] batch = new byte[ping.length * 1_000];
            for (int i = 0; i < 1_000; i++) {
                System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
            }
            for (int sent = 0; sent < pings; sent += 1_000) {
                socket.sendAtOnce(batch);
            }
            socket.send(RawWebSocket.OPCODE_PING, true, "the newest".getBytes(StandardCharsets.US_ASCII));

            int pongs = 0;
            RawWebSocket.Frame pong;
            do {
                pong = socket.nextOf(RawWebSocket.OPCODE_PONG);
                pongs++;
            } while (pong.payload().length == payload.length);

            assertThat(new String(pong.payload(), StandardCharsets.US_ASCII)).isEqualTo("the newest");
            assertThat(pongs).as("pongs for %d pings, most of them sent while the client read nothing", pings + 1)
                    .isLessThan(pings / 2);
        }
    }

    private int status(String requestLineAndHeaders) throws Exception {
        return RawHttp.exchange(wsPort(), requestLineAndHeaders + "Host: localhost:" + wsPort() + "\r\n\r\n",
                new byte[0]).status();
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("no such byte");
    }
}
