package dev.chorus.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import java.nio.file.Path;

/**
 * {@code java -jar standalone.jar [--data-dir=./data] [--kafka-port=9092] [--kafka-controller-port=9093]
 * [--server.port=8080] [any other Spring property]}; with {@code --broker-only}, one Kafka node of a local
 * cluster instead (see {@link BrokerOnly}).
 */
public final class StandaloneApplication {

    private static final Logger log = LoggerFactory.getLogger(StandaloneApplication.class);

    private StandaloneApplication() {
    }

    public static void main(String[] args) {
        var cli = new SimpleCommandLinePropertySource(args);
        if (cli.containsProperty("broker-only")) {
            BrokerOnly.run(cli);
            return;
        }
        var options = new Standalone.Options(
                Path.of(value(cli, "data-dir", "./data")),
                Integer.parseInt(value(cli, "kafka-port", "9092")),
                Integer.parseInt(value(cli, "kafka-controller-port", "9093")));
        Standalone chorus = Standalone.start(options, args);
        Runtime.getRuntime().addShutdownHook(new Thread(chorus::close, "chorus-shutdown"));
        log.warn("""

                ================================================================================
                  Chorus is running: open http://localhost:{}/ to chat (WebSocket at /ws)
                  Kafka at {}, data in {}
                  DEV AUTH IS ON: anyone can get a token from POST /api/dev/token.
                  This is for trying Chorus on your own machine, never for the internet.
                ================================================================================""",
                chorus.gatewayPort(), chorus.bootstrapServers(), options.dataDir().toAbsolutePath().normalize());
    }

    private static String value(SimpleCommandLinePropertySource cli, String name, String fallback) {
        String value = cli.getProperty(name);
        return value == null ? fallback : value;
    }
}
