package dev.chorus.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import java.nio.file.Path;

/**
 * {@code java -jar chorus-standalone.jar --broker-only --node-id=1 --kafka-port=19092
 * --kafka-controller-port=19093 --quorum-voters=1@127.0.0.1:19093,2@127.0.0.1:19193,3@127.0.0.1:19293
 * [--data-dir=./data/broker-1] [--cluster-id=...]}: one KRaft node of a local multi-process cluster, as
 * {@code scripts/local-cluster.sh} starts three of them. Every node of a cluster must be given the same
 * voters and cluster id; the id is only used when the data directory is formatted the first time.
 */
final class BrokerOnly {

    private static final Logger log = LoggerFactory.getLogger(BrokerOnly.class);
    /** Base64url of 16 bytes, as Kafka wants cluster ids; fixed so that a script needs no generator. */
    private static final String LOCAL_CLUSTER_ID = "Q2hvcnVzTG9jYWxDbHVzdA";

    private BrokerOnly() {
    }

    static void run(SimpleCommandLinePropertySource cli) {
        quietLogging();
        int nodeId = Integer.parseInt(required(cli, "node-id"));
        String voters = required(cli, "quorum-voters");
        var node = new EmbeddedKafkaBroker.Node(nodeId, Integer.parseInt(required(cli, "kafka-port")),
                Integer.parseInt(required(cli, "kafka-controller-port")), voters,
                value(cli, "cluster-id", LOCAL_CLUSTER_ID), voters.split(",").length);
        Path dataDir = Path.of(value(cli, "data-dir", "./data/broker-" + nodeId));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startNode(dataDir, node);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        log.warn("Kafka node {} of {} is running on {}, data in {}", nodeId, voters, broker.bootstrapServers(),
                dataDir.toAbsolutePath().normalize());
    }

    /** No Spring here to read application.yml: logback alone would log every Kafka DEBUG line. */
    private static void quietLogging() {
        var context = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.INFO);
        context.getLogger("kafka").setLevel(ch.qos.logback.classic.Level.WARN);
        context.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.WARN);
        context.getLogger("state.change.logger").setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static String required(SimpleCommandLinePropertySource cli, String name) {
        String value = cli.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("--broker-only needs --" + name);
        }
        return value;
    }

    private static String value(SimpleCommandLinePropertySource cli, String name, String fallback) {
        String value = cli.getProperty(name);
        return value == null ? fallback : value;
    }
}
