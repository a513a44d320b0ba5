package dev.chorus.gateway;

import dev.chorus.topic.Json;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real WebSocket client (the JDK's) that collects every text frame into a queue. Every wait is bounded,
 * so a test fails rather than hangs.
 */
final class TestSocket implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket webSocket;

    private TestSocket(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        webSocket = await(builder.buildAsync(uri, new Collector()), "the handshake");
    }

    static TestSocket connect(URI uri) {
        return new TestSocket(uri, Map.of());
    }

    static TestSocket connect(URI uri, Map<String, String> headers) {
        return new TestSocket(uri, headers);
    }

    /** The HTTP status of a handshake that must fail. */
    static int refusedHandshakeStatus(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        try {
            WebSocket unexpected = builder.buildAsync(uri, new WebSocket.Listener() {
            }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            unexpected.abort();
            return fail("the handshake to " + uri + " was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            return fail("the handshake failed without an HTTP answer", e);
        } catch (InterruptedException | TimeoutException e) {
            return fail("the handshake did not finish within " + WAIT, e);
        }
    }

    JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                return fail("no frame within " + WAIT + (closed.isDone() ? "; the socket closed" : ""));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }

    /** The next frame, which must be of this type; its {@code data}. */
    JsonNode next(String type) {
        JsonNode frame = next();
        assertThat(frame.path("type").asString()).as("the type of %s", frame).isEqualTo(type);
        return frame.path("data");
    }

    /** Every frame received and not yet taken, without waiting. */
    java.util.List<JsonNode> drain() {
        java.util.List<JsonNode> drained = new java.util.ArrayList<>();
        frames.drainTo(drained);
        return drained;
    }

    void assertNoFrameWithin(Duration quiet) {
        try {
            JsonNode frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("an unexpected frame").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        }
    }

    void send(String text) {
        await(webSocket.sendText(text, true), "sending a text frame");
    }

    /** Sends without waiting: for a frame the server may close the connection over mid-way. */
    void sendAndForget(String text) {
        webSocket.sendText(text, true).exceptionally(e -> null);
    }

    /** Sends one message as several WebSocket frames (a text frame, then continuations), split at the given chars. */
    void sendInFragments(String text, int... splits) {
        int from = 0;
        for (int split : splits) {
            await(webSocket.sendText(text.substring(from, split), false), "sending a fragment");
            from = split;
        }
        send(text.substring(from));
    }

    void sendBinary(byte[] bytes) {
        await(webSocket.sendBinary(ByteBuffer.wrap(bytes), true), "sending a binary frame");
    }

    /** Sends a binary frame the server may close the connection on before it has all of it. */
    void sendBinaryAndForget(byte[] bytes) {
        webSocket.sendBinary(ByteBuffer.wrap(bytes), true).exceptionally(e -> null);
    }

    /** The close code the server sent. */
    int awaitClose() {
        return await(closed, "the server closing the connection");
    }

    boolean isOpen() {
        return !closed.isDone() && !webSocket.isInputClosed();
    }

    @Override
    public void close() {
        if (!webSocket.isOutputClosed()) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(e -> null);
        }
        webSocket.abort();
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not finish within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Json.mapper().readTree(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
