package dev.chorus.gateway;

import dev.chorus.gateway.connection.NettyTransport;
import dev.chorus.topic.Json;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway as clients and the processor see it: the real application on a random port, a real KRaft
 * broker, real WebSocket handshakes and frames. Every subclass shares one application context (Spring
 * caches it), so the gateway starts once for all of them.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "chorus.gateway.id=" + RunningGatewayTest.GATEWAY_ID,
                "chorus.gateway.auth.hs256-secret=" + TestTokens.SECRET,
                "chorus.gateway.auth.dev-enabled=true",
                "chorus.kafka.topic-partitions=3",
                "chorus.kafka.replication-factor=1",
                "chorus.gateway.media.dir=" + RunningGatewayTest.MEDIA_DIR})
abstract class RunningGatewayTest {

    /** Under target/, so a build's uploads go with {@code mvn clean}. */
    static final String MEDIA_DIR = "target/media-it";

    static final String GATEWAY_ID = "gw-it";

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("chorus.kafka.bootstrap-servers", SharedBroker::bootstrapServers);
    }

    @LocalServerPort
    int port;

    @Autowired
    private ObjectProvider<NettyTransport> netty;

    @Autowired
    private GatewayProperties properties;

    private final List<TestSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestSocket::close);
    }

    record Client(TestSocket socket, String connectionId) {
    }

    /** A connection of this user, past its {@code SYSTEM:CONNECTED}. */
    Client connect(String userId, String name) {
        TestSocket socket = track(TestSocket.connect(ws("?access_token=" + TestTokens.valid(userId, name))));
        return new Client(socket, socket.next("SYSTEM:CONNECTED").path("connectionId").asString());
    }

    /** Closed after the test. */
    TestSocket track(TestSocket socket) {
        sockets.add(socket);
        return socket;
    }

    URI ws(String query) {
        return URI.create("ws://localhost:" + wsPort() + "/ws" + query);
    }

    /** Where {@code /ws} is tested: Netty's port when the context has it ({@link OnNetty}), else the web server's. */
    int wsPort() {
        return wsPort(netty, port);
    }

    static int wsPort(ObjectProvider<NettyTransport> netty, int webServerPort) {
        NettyTransport transport = netty.getIfAvailable();
        return transport == null ? webServerPort : transport.port();
    }

    /** This gateway's id in reply addresses. */
    String gatewayId() {
        return properties.id();
    }

    URI http(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String text(String groupId, String text, String clientMessageId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", groupId);
        data.put("text", text);
        if (clientMessageId != null) {
            data.put("clientMessageId", clientMessageId);
        }
        return Json.mapper().writeValueAsString(Map.of("type", "CHAT:SEND_MESSAGE_TEXT", "data", data));
    }
}
