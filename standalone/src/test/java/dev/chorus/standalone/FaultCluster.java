package dev.chorus.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Chorus with every part doubled or tripled, each killable: three KRaft nodes in this JVM, processors in
 * child JVMs (same application id, own state directories) and gateways in this JVM on fixed ports, so
 * that a restarted gateway is found where clients left it.
 */
final class FaultCluster implements AutoCloseable {

    static final Duration PROCESSOR_START = Duration.ofSeconds(120);

    private final EmbeddedKafkaCluster kafka;
    private final List<ProcessorProcess> processors = new ArrayList<>();
    private final ConfigurableApplicationContext[] gateways;
    private final int[] gatewayPorts;
    /** Settings of particular gateways, by number, kept through their restarts. */
    private final Map<Integer, List<String>> gatewaySettings;
    private final String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
    private final Path mediaDir;

    FaultCluster(Path dataDir, int processorCount, int gatewayCount, Map<Integer, List<String>> gatewaySettings) {
        this.gatewaySettings = Map.copyOf(gatewaySettings);
        kafka = EmbeddedKafkaCluster.start(dataDir.resolve("kafka"), 3,
                IntStream.range(0, 6).mapToObj(i -> FreePorts.next()).toList());
        mediaDir = dataDir.resolve("media");
        try {
            for (int i = 0; i < processorCount; i++) {
                processors.add(new ProcessorProcess(kafka.bootstrapServers(), dataDir.resolve("streams-" + i),
                        "--chorus.processor.session-timeout=6s"));
            }
            // one at a time: the first creates the topics, and two JVMs starting at once on two cores crawl
            processors.forEach(p -> p.start(PROCESSOR_START));
            gateways = new ConfigurableApplicationContext[gatewayCount];
            gatewayPorts = IntStream.range(0, gatewayCount).map(i -> FreePorts.next()).toArray();
            for (int i = 0; i < gatewayCount; i++) {
                startGateway(i);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    URI gatewayUri(int gateway) {
        return URI.create("ws://127.0.0.1:" + gatewayPorts[gateway] + "/ws");
    }

    String token(String userId) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId).claim("name", userId).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            token.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
        return token.serialize();
    }

    void killProcessor(int index) {
        processors.get(index).kill();
    }

    /** Starts a processor again without waiting for it: faults go on while it restores its state. */
    void launchProcessor(int index) {
        processors.get(index).launch();
    }

    void awaitProcessor(int index) {
        processors.get(index).awaitRunning(PROCESSOR_START);
    }

    void killBroker(int index) {
        kafka.kill(index);
    }

    void restartBroker(int index) {
        kafka.restart(index);
    }

    /** Its Kafka producers are cut first, so that nothing it says on the way down reaches anyone. */
    void killGateway(int index) {
        ConfigurableApplicationContext context = gateways[index];
        gateways[index] = null;
        context.getBeansOfType(Producer.class).values().forEach(producer -> producer.close(Duration.ZERO));
        context.close();
    }

    void startGateway(int index) {
        String[] args = Stream.concat(Stream.of("--server.port=" + gatewayPorts[index], "--chorus.gateway.id=gw-" + index),
                gatewaySettings.getOrDefault(index, List.of()).stream()).toArray(String[]::new);
        gateways[index] = Standalone.startGateway(kafka.bootstrapServers(), secret, mediaDir, args);
    }

    @Override
    public void close() {
        if (gateways != null) {
            for (ConfigurableApplicationContext gateway : gateways) {
                if (gateway != null) {
                    gateway.close();
                }
            }
        }
        CompletableFuture.allOf(processors.stream().filter(ProcessorProcess::isAlive)
                .map(p -> CompletableFuture.runAsync(p::kill)).toArray(CompletableFuture[]::new)).join();
        kafka.close();
    }
}
