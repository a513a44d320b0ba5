package dev.chorus.standalone;

import dev.chorus.client.ChatMessage;
import dev.chorus.client.ChorusClient;
import dev.chorus.client.ClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not part of the suite (no IT suffix): how the processor's commit interval trades answer latency for
 * throughput, on one broker, one processor and one gateway. Run it with
 * {@code ./mvnw -pl standalone verify -Dit.test=CommitIntervalMeasurement -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CommitIntervalMeasurement {

    private static final List<Integer> INTERVALS_MS = List.of(20, 50, 100, 200);
    private static final int CLIENTS = 10;
    private static final Duration PHASE = Duration.ofSeconds(10);
    private static final Duration PACED_EVERY = Duration.ofMillis(500);
    private static final int WINDOW = 20;

    @TempDir
    Path dataDir;

    @Test
    void measure() throws Exception {
        List<String> rows = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), FreePorts.next(),
                FreePorts.next())) {
            for (int interval : INTERVALS_MS) {
                ConfigurableApplicationContext processor = Standalone.startProcessor(broker.bootstrapServers(),
                        dataDir.resolve("streams"), "--chorus.processor.commit-interval=" + interval + "ms");
                ConfigurableApplicationContext gateway = Standalone.startGateway(broker.bootstrapServers(),
                        "measure-" + "x".repeat(40), dataDir.resolve("media"), "--server.port=0",
                        "--chorus.gateway.auth.dev-enabled=true",
                        // the measurement is of the processor, not of the per-user limit
                        "--chorus.gateway.rate-limit.events-per-second=100000",
                        "--chorus.gateway.rate-limit.burst=100000");
                try {
                    rows.add(interval + " ms | " + run(Standalone.port(gateway), interval));
                } finally {
                    gateway.close();
                    processor.close();
                }
            }
        }
        System.out.println("CommitIntervalMeasurement\n| commit interval | paced p50 | paced p99 | saturated msg/s |\n"
                + String.join("\n", rows));
    }

    private String run(int port, int interval) throws Exception {
        List<ChorusClient> clients = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                String user = "m" + interval + "-" + i;
                String token = WsClient.devToken(port, user);
                ChorusClient client = ChorusClient.start(ClientSettings.of(
                        List.of(URI.create("ws://127.0.0.1:" + port + "/ws")), () -> token), m -> { });
                clients.add(client);
                groups.add(client.createGroup("g-" + user).get(60, TimeUnit.SECONDS));
            }
            // paced: each client one message every PACED_EVERY, latency from send to acknowledgement
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<ChatMessage>> paced = new ArrayList<>();
            long end = System.nanoTime() + PHASE.toNanos();
            while (System.nanoTime() < end) {
                for (int i = 0; i < CLIENTS; i++) {
                    long sent = System.nanoTime();
                    paced.add(clients.get(i).sendText(groups.get(i), "paced")
                            .whenComplete((m, e) -> latencies.add(System.nanoTime() - sent)));
                }
                Thread.sleep(PACED_EVERY.toMillis());
            }
            CompletableFuture.allOf(paced.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            List<Long> sorted = latencies.stream().sorted().toList();
            // saturated: WINDOW unacknowledged sends per client for PHASE, count what was acknowledged
            AtomicLong acknowledged = new AtomicLong();
            long stop = System.nanoTime() + PHASE.toNanos();
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                ChorusClient client = clients.get(i);
                String groupId = groups.get(i);
                Thread sender = new Thread(() -> saturate(client, groupId, stop, acknowledged));
                sender.start();
                senders.add(sender);
            }
            for (Thread sender : senders) {
                sender.join();
            }
            return percentile(sorted, 50) + " ms | " + percentile(sorted, 99) + " ms | "
                    + acknowledged.get() / PHASE.toSeconds();
        } finally {
            clients.forEach(ChorusClient::close);
        }
    }

    private static void saturate(ChorusClient client, String groupId, long stopNanos, AtomicLong acknowledged) {
        List<CompletableFuture<ChatMessage>> window = new ArrayList<>();
        while (System.nanoTime() < stopNanos) {
            window.removeIf(CompletableFuture::isDone);
            if (window.size() < WINDOW) {
                window.add(client.sendText(groupId, "load").whenComplete((m, e) -> {
                    if (e == null && System.nanoTime() < stopNanos) {
                        acknowledged.incrementAndGet();
                    }
                }));
            } else {
                CompletableFuture.anyOf(window.toArray(CompletableFuture[]::new)).join();
            }
        }
    }

    private static long percentile(List<Long> sortedNanos, int percent) {
        int index = Math.min(sortedNanos.size() - 1, (int) Math.ceil(sortedNanos.size() * percent / 100.0) - 1);
        return TimeUnit.NANOSECONDS.toMillis(sortedNanos.get(Math.max(0, index)));
    }
}
