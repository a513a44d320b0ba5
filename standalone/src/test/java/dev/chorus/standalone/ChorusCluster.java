package dev.chorus.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chorus.client.ClientSettings;
import dev.chorus.gateway.connection.NettyTransport;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Chorus on real parts for end-to-end tests: a real KRaft broker ({@link TestKafka}: embedded, or in a container
 * with {@code -Dchorus.test.kafka=testcontainers}), the real processor and several
 * real gateways on random ports sharing one signing secret and one media folder. Clients made through it are
 * closed with it.
 */
final class ChorusCluster implements AutoCloseable {

    private final TestKafka broker;
    private final ConfigurableApplicationContext processor;
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private final List<WsClient> clients = new ArrayList<>();
    private final String secret;
    /** One folder for every gateway, as a shared volume would be: an upload to one is served by all. */
    private final Path mediaDir;

    private ChorusCluster(Path dataDir, int gatewayCount, String... gatewayArgs) {
        broker = TestKafka.start(dataDir.resolve("kafka"));
        processor = Standalone.startProcessor(broker.bootstrapServers(), dataDir.resolve("streams"));
        secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        mediaDir = dataDir.resolve("media");
        for (int i = 0; i < gatewayCount; i++) {
            addGateway(gatewayArgs);
        }
    }

    /** Starts a cluster with {@code gatewayCount} gateways; {@code gatewayArgs} go to every gateway. */
    static ChorusCluster start(Path dataDir, int gatewayCount, String... gatewayArgs) {
        return new ChorusCluster(dataDir, gatewayCount, gatewayArgs);
    }

    /** Starts one more gateway with these settings of its own and returns its number (0-based). */
    int addGateway(String... gatewayArgs) {
        int number = gateways.size();
        String[] args = Stream.concat(Stream.of("--server.port=0", "--chorus.gateway.id=gw-" + (char) ('a' + number)),
                Stream.of(gatewayArgs)).toArray(String[]::new);
        gateways.add(Standalone.startGateway(broker.bootstrapServers(), secret, mediaDir, args));
        return number;
    }

    int gatewayPort(int gateway) {
        return Standalone.port(gateways.get(gateway));
    }

    /** Where a WebSocket client connects to this gateway. */
    URI wsUri(int gateway) {
        return URI.create("ws://127.0.0.1:" + gatewayPort(gateway) + "/ws");
    }

    /** This gateway's Netty port, when it was started with {@code chorus.gateway.netty.port}. */
    int nettyPort(int gateway) {
        return gateways.get(gateway).getBean(NettyTransport.class).port();
    }

    /** Where a WebSocket client connects to this gateway's Netty port. */
    URI nettyWsUri(int gateway) {
        return URI.create("ws://127.0.0.1:" + nettyPort(gateway) + "/ws");
    }

    /** A user's new connection to gateway {@code gateway}'s Netty port, after its {@code SYSTEM:CONNECTED}. */
    WsClient connectNetty(int gateway, String userId) throws Exception {
        WsClient client = WsClient.connect(nettyPort(gateway), userId, token(userId, "User " + userId, null));
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** The client library's defaults for {@code userId}, trying these addresses in this order. */
    ClientSettings clientSettings(String userId, List<URI> addresses) {
        String token = token(userId, userId, null);
        return ClientSettings.of(addresses, () -> token);
    }

    /** The client library's defaults for {@code userId}, trying these gateways in this order. */
    ClientSettings clientSettings(String userId, int... gateways) {
        String token = token(userId, userId, null);
        return ClientSettings.of(Arrays.stream(gateways).mapToObj(this::wsUri).toList(), () -> token);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** A user's new connection to gateway {@code gateway} (0-based), after its {@code SYSTEM:CONNECTED}. */
    WsClient connect(int gateway, String userId) throws Exception {
        WsClient client = WsClient.connect(gatewayPort(gateway), userId);
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** A connection with a token of the cluster's own, carrying a display name and an avatar. */
    WsClient connect(int gateway, String userId, String displayName, String avatarUrl) throws Exception {
        WsClient client = WsClient.connect(gatewayPort(gateway), userId, token(userId, displayName, avatarUrl));
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** A token of the cluster's own, good on every gateway. */
    String token(String userId, String displayName, String avatarUrl) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId).claim("name", displayName)
                .claim("picture", avatarUrl).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            token.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
        return token.serialize();
    }

    /**
     * Stops a gateway as a crash would, as far as anyone else can tell: its Kafka producers are cut first, so
     * nothing it would say on the way down (typing stops among it) reaches anyone; then its context closes.
     */
    void killGateway(int gateway) {
        ConfigurableApplicationContext context = gateways.get(gateway);
        context.getBeansOfType(Producer.class).values().forEach(producer -> producer.close(Duration.ZERO));
        context.close();
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(WsClient::close);
        }
        gateways.forEach(ConfigurableApplicationContext::close);
        processor.close();
        broker.close();
    }
}
