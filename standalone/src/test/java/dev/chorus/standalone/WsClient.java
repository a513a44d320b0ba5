package dev.chorus.standalone;

import dev.chorus.topic.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A real WebSocket client (the JDK's) that keeps every frame it receives, for tests to wait on. */
final class WsClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> received = new ArrayList<>();
    private volatile Integer closeCode;
    private final WebSocket socket;
    final String userId;

    private WsClient(String userId, int port, String token) throws Exception {
        this.userId = userId;
        this.socket = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?access_token=" + token), new Listener())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Connects with a dev token from the gateway's own endpoint and waits for SYSTEM:CONNECTED. */
    static WsClient connect(int port, String userId) throws Exception {
        return connect(port, userId, devToken(port, userId));
    }

    static WsClient connect(int port, String userId, String token) throws Exception {
        WsClient client = new WsClient(userId, port, token);
        client.await("SYSTEM:CONNECTED", f -> true);
        return client;
    }

    static String devToken(int port, String userId) throws Exception {
        String body = Json.mapper().writeValueAsString(Map.of("userId", userId, "displayName", "User " + userId));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/dev/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("dev token: HTTP " + response.statusCode() + " " + response.body());
        }
        return Json.mapper().readTree(response.body()).get("token").asString();
    }

    void send(String type, Object data) {
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", type);
        frame.set("data", Json.mapper().valueToTree(data));
        sendRaw(Json.mapper().writeValueAsString(frame));
    }

    /** Sends this exact text as one frame, well-formed or not. */
    void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends these bytes as one binary frame and waits for the first frame of {@code answerType} after it. */
    JsonNode requestBinary(byte[] bytes, String answerType) throws InterruptedException {
        return answerTo(() -> socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join(), "binary", answerType);
    }

    /** The close code the server sent, waiting for it up to the timeout; -1 if it did not close. */
    int awaitCloseCode() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (received) {
            while (closeCode == null && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(received, Math.max(1, deadline - System.nanoTime()));
            }
        }
        return closeCode == null ? -1 : closeCode;
    }

    /** Whether the server closed the connection (or it broke). */
    boolean isClosed() {
        return closeCode != null || socket.isInputClosed();
    }

    /** The data of the first frame of this type, received so far or within the timeout, that matches. */
    JsonNode await(String type, Predicate<JsonNode> data) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (received) {
            while (true) {
                for (JsonNode frame : received) {
                    if (frame.get("type").asString().equals(type) && data.test(frame.get("data"))) {
                        return frame.get("data");
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(userId + " did not receive " + type + " in " + TIMEOUT
                            + "; received " + received);
                }
                TimeUnit.NANOSECONDS.timedWait(received, left);
            }
        }
    }

    /**
     * Creates a group and returns its id, taken from its own {@code GROUP:GROUP_ADDED}: every connection hears
     * of every new group, so the next one to arrive may be another user's.
     */
    String createGroup(String name) throws InterruptedException {
        Set<String> known = frames("GROUP:GROUP_ADDED").stream()
                .map(d -> d.get("group").get("id").asString()).collect(Collectors.toSet());
        send("GROUP:ADD_GROUP", Map.of("name", name));
        return await("GROUP:GROUP_ADDED", d -> d.get("group").get("createdBy").asString().equals(userId)
                && d.get("group").get("name").asString().equals(name)
                && !known.contains(d.get("group").get("id").asString()))
                .get("group").get("id").asString();
    }

    /** Sends a request and waits for its answer: the first frame of {@code answerType} after this send. */
    JsonNode request(String type, Object data, String answerType) throws InterruptedException {
        return answerTo(() -> send(type, data), type, answerType);
    }

    /** Sends this exact text and waits for the first frame of {@code answerType} after it. */
    JsonNode requestRaw(String text, String answerType) throws InterruptedException {
        return answerTo(() -> sendRaw(text), text, answerType);
    }

    private JsonNode answerTo(Runnable send, String what, String answerType) throws InterruptedException {
        int before = count(f -> f.get("type").asString().equals(answerType));
        send.run();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (received) {
            while (true) {
                List<JsonNode> answers = frames(answerType);
                if (answers.size() > before) {
                    return answers.get(before);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(userId + " got no " + answerType + " to " + what + "; received " + received);
                }
                TimeUnit.NANOSECONDS.timedWait(received, left);
            }
        }
    }

    /** The data of every frame of this type received so far, in order. */
    List<JsonNode> frames(String type) {
        synchronized (received) {
            return received.stream().filter(f -> f.get("type").asString().equals(type))
                    .map(f -> f.get("data")).toList();
        }
    }

    private int count(Predicate<JsonNode> frame) {
        synchronized (received) {
            return (int) received.stream().filter(frame).count();
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = Json.mapper().readTree(partial.toString().getBytes(StandardCharsets.UTF_8));
                partial.setLength(0);
                synchronized (received) {
                    received.add(frame);
                    received.notifyAll();
                }
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            synchronized (received) {
                received.notifyAll();
            }
            return null;
        }
    }
}
