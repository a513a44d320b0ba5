package dev.chorus.standalone;

import dev.chorus.gateway.GatewayApplication;
import dev.chorus.processor.ProcessorApplication;
import dev.chorus.processor.ProcessorRuntime;
import dev.chorus.processor.StreamsHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Chorus in one JVM: an embedded persistent broker, the processor and one gateway, each as it runs in
 * production (the processor and the gateway are their own Spring applications), sharing a data folder.
 */
public final class Standalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);
    private static final Duration PROCESSOR_START_TIMEOUT = Duration.ofSeconds(90);
    private static final String DEV_SECRET_FILE = "dev-auth-secret";
    private static final String MEDIA_DIR = "media";

    /**
     * @param dataDir        everything that must survive a restart lives here
     * @param kafkaPort      the embedded broker's client port on 127.0.0.1
     * @param controllerPort the embedded broker's KRaft controller port on 127.0.0.1
     */
    public record Options(Path dataDir, int kafkaPort, int controllerPort) {
    }

    private final EmbeddedKafkaBroker broker;
    private final ConfigurableApplicationContext processor;
    private final ConfigurableApplicationContext gateway;

    private Standalone(EmbeddedKafkaBroker broker, ConfigurableApplicationContext processor,
                       ConfigurableApplicationContext gateway) {
        this.broker = broker;
        this.processor = processor;
        this.gateway = gateway;
    }

    /**
     * Starts all three parts. {@code args} are Spring command-line arguments for the processor and the
     * gateway alike, e.g. {@code --server.port=9090}.
     */
    public static Standalone start(Options options, String... args) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options.dataDir().resolve("kafka"),
                options.kafkaPort(), options.controllerPort());
        ConfigurableApplicationContext processor = null;
        try {
            processor = startProcessor(broker.bootstrapServers(), options.dataDir().resolve("streams"), args);
            ConfigurableApplicationContext gateway = startGateway(broker.bootstrapServers(),
                    devSecret(options.dataDir()), options.dataDir().resolve(MEDIA_DIR),
                    processor.getBean(ProcessorRuntime.class), args);
            return new Standalone(broker, processor, gateway);
        } catch (RuntimeException e) {
            if (processor != null) {
                processor.close();
            }
            broker.close();
            throw e;
        }
    }

    /**
     * Starts the processor and waits until its streams run, so that no early command waits unanswered. It has
     * no web server here (one JVM, one port): its probes are the gateway's (see {@link #startGateway}).
     */
    static ConfigurableApplicationContext startProcessor(String bootstrapServers, Path stateDir, String... args) {
        ConfigurableApplicationContext processor = new SpringApplicationBuilder(ProcessorApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "chorus.kafka.bootstrap-servers", bootstrapServers,
                        "chorus.processor.state-dir", stateDir.toString()))
                .run(args);
        if (!processor.getBean(ProcessorRuntime.class).awaitRunning(PROCESSOR_START_TIMEOUT)) {
            processor.close();
            throw new IllegalStateException("the processor did not reach RUNNING in " + PROCESSOR_START_TIMEOUT);
        }
        return processor;
    }

    /** @param mediaDir where uploads are kept; gateways given the same folder serve each other's uploads */
    static ConfigurableApplicationContext startGateway(String bootstrapServers, String hs256Secret, Path mediaDir,
                                                       String... args) {
        return gateway(bootstrapServers, hs256Secret, mediaDir).run(args);
    }

    /**
     * A gateway that also reports the processor of this JVM: its streams join the gateway's readiness
     * ({@code streams}) and liveness ({@code streamsLiveness}) probes, as the processor runs without a web server
     * of its own here.
     */
    static ConfigurableApplicationContext startGateway(String bootstrapServers, String hs256Secret, Path mediaDir,
                                                       ProcessorRuntime processor, String... args) {
        return gateway(bootstrapServers, hs256Secret, mediaDir)
                .initializers(context -> reportProcessor(context, processor))
                .run(args);
    }

    private static SpringApplicationBuilder gateway(String bootstrapServers, String hs256Secret, Path mediaDir) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .properties(Map.of(
                        "spring.main.banner-mode", "off",
                        "chorus.kafka.bootstrap-servers", bootstrapServers,
                        "chorus.gateway.auth.hs256-secret", hs256Secret,
                        "chorus.gateway.media.dir", mediaDir.toString()));
    }

    private static void reportProcessor(ConfigurableApplicationContext gateway, ProcessorRuntime processor) {
        gateway.getBeanFactory().registerSingleton("streamsHealthIndicator", StreamsHealth.readiness(processor));
        gateway.getBeanFactory().registerSingleton("streamsLivenessHealthIndicator",
                StreamsHealth.liveness(processor));
        // First, as the gateway's own defaults (a @PropertySource) would otherwise win over default properties.
        gateway.getEnvironment().getPropertySources().addFirst(new MapPropertySource("chorus-standalone-probes",
                Map.of("management.endpoint.health.group.readiness.include", "readinessState,kafka,streams",
                        "management.endpoint.health.group.liveness.include",
                        "livenessState,kafkaReaders,streamsLiveness")));
    }

    static int port(ConfigurableApplicationContext gateway) {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    public int gatewayPort() {
        return port(gateway);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the gateway first (clients move on), then the processor, then the broker they both need. */
    @Override
    public void close() {
        log.info("Stopping Chorus");
        gateway.close();
        processor.close();
        broker.close();
    }

    /**
     * The dev-auth signing secret: random, made on first start and kept in the data folder, so tokens
     * survive a restart and no secret is shared between installations.
     */
    private static String devSecret(Path dataDir) {
        Path file = dataDir.resolve(DEV_SECRET_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createDirectories(dataDir);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException("could not read or create " + file, e);
        }
    }
}
