package dev.chorus.bench.load;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link SocketIoTarget} against one real process of the peer (bench/peer/server.js) on the in-memory
 * adapter ({@code PEER_REDIS=off}), so it needs Node and bench/peer/node_modules but no Redis;
 * {@code scripts/peer.sh start} (or {@code npm ci} in bench/peer) installs them. Skipped without them.
 */
class SocketIoTargetTest {

    private static final Path PEER = Path.of("peer").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");

    @Test
    void eachMemberGetsExactlyItsGroupsTextsItsOwnIncluded() throws Exception {
        try (PeerProcess peer = PeerProcess.start();
             SocketIoTarget target = new SocketIoTarget(List.of(peer.uri, peer.uri))) {
            int groups = 2;
            int members = 3;
            Map<Integer, List<String>> received = new ConcurrentHashMap<>();
            target.connect(groups, members, (group, member, text, receivedNanos) ->
                    received.computeIfAbsent(group * members + member, u -> new CopyOnWriteArrayList<>()).add(text));
            long[] memory = Memory.node(URI.create(peer.uri + "/stats")).read(); // what the idle scenario reads
            assertThat(memory[0]).isPositive();
            assertThat(memory[1]).isGreaterThan(memory[0]);
            assertThat(peer.stats()).contains("\"connections\":" + groups * members);

            // a text far above the JDK client's receive buffer arrives in parts (onText with last=false)
            String large = "g0-big-" + "x\u00e9\"".repeat(40_000);
            List<List<String>> sent = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                List<String> texts = new ArrayList<>();
                for (int m = 0; m < members; m++) {
                    for (int n = 0; n < 2; n++) {
                        String text = "g" + g + "-m" + m + "-" + n + " \"quoted\" \u00e9";
                        texts.add(text);
                        target.send(g, m, text);
                    }
                }
                sent.add(texts);
            }
            target.send(0, 1, large);
            sent.get(0).add(large);

            int expected = members * (sent.get(0).size() + sent.get(1).size());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.values().stream().mapToInt(List::size).sum() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // anything extra would show by now
            for (int g = 0; g < groups; g++) {
                for (int m = 0; m < members; m++) {
                    assertThat(received.getOrDefault(g * members + m, List.of()))
                            .as("group %d member %d", g, m)
                            .containsExactlyInAnyOrderElementsOf(sent.get(g));
                }
            }
            // one sender's texts arrive in the order sent
            List<String> fromMember0 = received.get(members).stream().filter(t -> t.startsWith("g1-m0-")).toList();
            assertThat(fromMember0).containsExactly(sent.get(1).get(0), sent.get(1).get(1));
            assertThat(target.failures()).isZero();
        }
    }

    @Test
    void nodeUrisBecomeTheWebsocketEndpoint() {
        assertThat(SocketIoTarget.endpoint(URI.create("http://127.0.0.1:3001")))
                .isEqualTo(URI.create("ws://127.0.0.1:3001/socket.io/?EIO=4&transport=websocket"));
        assertThat(SocketIoTarget.endpoint(URI.create("ws://127.0.0.1:3002/")))
                .isEqualTo(URI.create("ws://127.0.0.1:3002/socket.io/?EIO=4&transport=websocket"));
        assertThat(SocketIoTarget.endpoint(URI.create("ws://127.0.0.1:3001/socket.io/?EIO=4&transport=websocket")))
                .isEqualTo(URI.create("ws://127.0.0.1:3001/socket.io/?EIO=4&transport=websocket"));
        assertThat(SocketIoTarget.endpoint(URI.create("https://chat.test/io/")))
                .isEqualTo(URI.create("wss://chat.test/io/?EIO=4&transport=websocket"));
    }

    /** {@code node server.js 0} with {@code PEER_REDIS=off}: one process on a free port, stopped on close. */
    private static final class PeerProcess implements AutoCloseable {
        final Process process;
        final URI uri;

        private PeerProcess(Process process, URI uri) {
            this.process = process;
            this.uri = uri;
        }

        static PeerProcess start() throws Exception {
            assumeTrue(nodeRuns(), "no `node` on the PATH: scripts/peer.sh start installs the peer's needs");
            assumeTrue(Files.isDirectory(PEER.resolve("node_modules/socket.io")),
                    "no " + PEER.resolve("node_modules") + ": run `npm ci` in bench/peer (scripts/peer.sh start does)");
            ProcessBuilder builder = new ProcessBuilder("node", "--expose-gc", "server.js", "0")
                    .directory(PEER.toFile()).redirectErrorStream(true);
            builder.environment().put("PEER_REDIS", "off");
            builder.environment().put("HOST", "127.0.0.1");
            Process process = builder.start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<URI> listening = new CompletableFuture<>();
            Thread pump = new Thread(() -> {
                try {
                    for (String line; (line = reader.readLine()) != null; ) {
                        lines.add(line);
                        Matcher matcher = LISTENING.matcher(line);
                        if (matcher.find()) {
                            listening.complete(URI.create("http://" + matcher.group(1) + ":" + matcher.group(2)));
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                listening.completeExceptionally(new IllegalStateException("the peer exited: " + lines));
            }, "peer-output");
            pump.setDaemon(true);
            pump.start();
            try {
                return new PeerProcess(process, listening.get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        String stats() throws IOException, InterruptedException {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri + "/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        private static boolean nodeRuns() {
            try {
                Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
                version.getInputStream().readAllBytes();
                return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM: the server closes its sockets and exits
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
