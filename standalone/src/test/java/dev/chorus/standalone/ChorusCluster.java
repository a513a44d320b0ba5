package dev.chorus.standalone;

import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Chorus on real parts for end-to-end tests: an embedded KRaft broker, the real processor and several
 * real gateways on random ports sharing one signing secret and one media folder. Clients made through it are
 * closed with it.
 */
final class ChorusCluster implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final ConfigurableApplicationContext processor;
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private final List<WsClient> clients = new ArrayList<>();
    /** One folder for every gateway, as a shared volume would be: an upload to one is served by all. */
    private final Path mediaDir;

    private ChorusCluster(Path dataDir, int gatewayCount, String... gatewayArgs) {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), FreePorts.next(), FreePorts.next());
        processor = Standalone.startProcessor(broker.bootstrapServers(), dataDir.resolve("streams"));
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        mediaDir = dataDir.resolve("media");
        for (int i = 0; i < gatewayCount; i++) {
            String[] args = Stream.concat(Stream.of("--server.port=0", "--chorus.gateway.id=gw-" + (char) ('a' + i)),
                    Stream.of(gatewayArgs)).toArray(String[]::new);
            gateways.add(Standalone.startGateway(broker.bootstrapServers(), secret, mediaDir, args));
        }
    }

    /** Starts a cluster with {@code gatewayCount} gateways; {@code gatewayArgs} go to every gateway. */
    static ChorusCluster start(Path dataDir, int gatewayCount, String... gatewayArgs) {
        return new ChorusCluster(dataDir, gatewayCount, gatewayArgs);
    }

    int gatewayPort(int gateway) {
        return Standalone.port(gateways.get(gateway));
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
