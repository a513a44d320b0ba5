package dev.chorus.standalone;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real, persistent KRaft Kafka node (broker and controller in one) running in this JVM: alone, as the
 * standalone runs it, or as one of the nodes of an {@link EmbeddedKafkaCluster}. Its log directory is
 * formatted once; later starts on the same directory keep every topic and record.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker on {@code dataDir}, formatting it first if it has never held a broker.
     *
     * @param port           the client port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort) {
        var node = new Node(NODE_ID, port, controllerPort, NODE_ID + "@127.0.0.1:" + controllerPort,
                Uuid.randomUuid().toString(), 1);
        EmbeddedKafkaBroker broker = startNode(dataDir, node);
        broker.awaitReady(1);
        return broker;
    }

    /**
     * One node of a KRaft quorum.
     *
     * @param voters      {@code controller.quorum.voters} of the whole quorum
     * @param clusterId   used only when the directory is formatted the first time
     * @param clusterSize nodes in the cluster: internal topics are replicated to all (up to 3) of them
     */
    record Node(int nodeId, int port, int controllerPort, String voters, String clusterId, int clusterSize) {
    }

    /** Starts a node without waiting for the quorum, which needs the other nodes up too. */
    static EmbeddedKafkaBroker startNode(Path dataDir, Node node) {
        Path logDir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir, node);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare the Kafka log directory " + logDir, e);
        }
        Instant started = Instant.now();
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config(logDir, node), false), Time.SYSTEM);
        server.startup();
        var broker = new EmbeddedKafkaBroker(server, "127.0.0.1:" + node.port());
        log.info("Kafka node {} up on {} in {} ms, data in {}", node.nodeId(), broker.bootstrapServers,
                Duration.between(started, Instant.now()).toMillis(), logDir);
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void format(Path logDir, Node node) throws Exception {
        log.info("Formatting a new Kafka log directory {} (cluster {}, node {})", logDir, node.clusterId(),
                node.nodeId());
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(node.clusterId())
                .setNodeId(node.nodeId())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setUnstableFeatureVersionsEnabled(false)
                .run();
    }

    private static Map<String, Object> config(Path logDir, Node node) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.nodeId()));
        p.put("controller.quorum.voters", node.voters());
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + node.port() + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + node.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.port());
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // Every internal topic is replicated to every node (up to three), or exactly-once and consumer groups
        // never start; with more than one node, a write needs two copies, so one node may die at any time.
        String replicas = Integer.toString(Math.min(3, node.clusterSize()));
        String minInSync = node.clusterSize() == 1 ? "1" : "2";
        p.put("offsets.topic.replication.factor", replicas);
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minInSync);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minInSync);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minInSync);
        p.put("group.initial.rebalance.delay.ms", "0");
        if (node.clusterSize() > 1) {
            // A node of a cluster stops as a crash would: no hand-over of its leaderships first, so the others
            // learn it is gone from missed heartbeats, which they notice within a few seconds.
            p.put("controlled.shutdown.enable", "false");
            p.put("broker.heartbeat.interval.ms", "500");
            p.put("broker.session.timeout.ms", "3000");
            p.put("replica.lag.time.max.ms", "5000");
        }
        // Chorus creates its topics with their settings; a typo'd topic name should fail, not appear.
        p.put("auto.create.topics.enable", "false");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> map = (Map) p;
        return map;
    }

    /** Waits until this node sees {@code nodes} live brokers, itself included. */
    void awaitReady(int nodes) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size() < nodes) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + nodes + " brokers after " + READY_TIMEOUT);
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the embedded Kafka broker did not become ready", e);
        }
    }
}
