package dev.chorus.standalone;

import org.apache.kafka.common.Uuid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Several KRaft nodes (each broker and controller) in this JVM, forming one cluster: replication factor
 * three and two in-sync replicas for every topic, internal ones included, so any one node may die. A node
 * is killed without a controlled shutdown and restarted on its own data directory, as a crashed machine
 * would be.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private final Path dataDir;
    private final List<EmbeddedKafkaBroker.Node> nodes;
    private final EmbeddedKafkaBroker[] running;

    private EmbeddedKafkaCluster(Path dataDir, List<EmbeddedKafkaBroker.Node> nodes) {
        this.dataDir = dataDir;
        this.nodes = nodes;
        this.running = new EmbeddedKafkaBroker[nodes.size()];
    }

    /**
     * Starts {@code size} nodes with data under {@code dataDir/node-<id>}.
     *
     * @param ports two free loopback ports per node: client port, then controller port
     */
    public static EmbeddedKafkaCluster start(Path dataDir, int size, List<Integer> ports) {
        if (ports.size() < 2 * size) {
            throw new IllegalArgumentException("need " + 2 * size + " ports, got " + ports);
        }
        String voters = IntStream.range(0, size).mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports.get(2 * i + 1))
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<EmbeddedKafkaBroker.Node> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new EmbeddedKafkaBroker.Node(i + 1, ports.get(2 * i), ports.get(2 * i + 1), voters, clusterId,
                    size));
        }
        var cluster = new EmbeddedKafkaCluster(dataDir, nodes);
        // Together: a node's broker waits for a controller quorum, which needs a majority of nodes up.
        CompletableFuture<?>[] starts = IntStream.range(0, size)
                .mapToObj(i -> CompletableFuture.runAsync(() -> cluster.startNode(i))).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(starts).join();
            cluster.running[0].awaitReady(size);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** Stops node {@code index} (0-based) without handing over its leaderships; its data stays. */
    public synchronized void kill(int index) {
        EmbeddedKafkaBroker node = running[index];
        if (node == null) {
            throw new IllegalStateException("node " + index + " is not running");
        }
        running[index] = null;
        node.close();
    }

    /** Starts node {@code index} again on its data directory and waits until every node is back. */
    public void restart(int index) {
        startNode(index);
        running[index].awaitReady(nodes.size());
    }

    private void startNode(int index) {
        EmbeddedKafkaBroker.Node node = nodes.get(index);
        EmbeddedKafkaBroker started = EmbeddedKafkaBroker.startNode(dataDir.resolve("node-" + node.nodeId()), node);
        synchronized (this) {
            running[index] = started;
        }
    }

    /** Stops every node at once: one by one, the last ones would wait on a quorum already gone. */
    @Override
    public void close() {
        List<EmbeddedKafkaBroker> stopping = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < running.length; i++) {
                if (running[i] != null) {
                    stopping.add(running[i]);
                    running[i] = null;
                }
            }
        }
        CompletableFuture.allOf(stopping.stream().map(node -> CompletableFuture.runAsync(node::close))
                .toArray(CompletableFuture[]::new)).join();
    }
}
