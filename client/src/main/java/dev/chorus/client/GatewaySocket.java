package dev.chorus.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One WebSocket connection to one gateway. Whole text frames and the end of the connection are reported
 * to the client's loop; sends are chained because the JDK socket takes one outstanding send at a time.
 */
final class GatewaySocket {

    interface Events {
        void onText(GatewaySocket socket, String text);

        void onGone(GatewaySocket socket, String why);
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    final URI gateway;
    private volatile WebSocket socket;
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

    GatewaySocket(URI gateway) {
        this.gateway = gateway;
    }

    /** Completes once connected; frames may be reported before that. */
    CompletableFuture<Void> open(HttpClient http, String token, Events events) {
        URI uri = URI.create(gateway + (gateway.getQuery() == null ? "?" : "&") + "access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(uri, new Listener(events))
                .thenAccept(ws -> socket = ws);
    }

    /** Queues a frame; a failed send aborts the connection, which then reports itself gone. */
    void send(String frame, Consumer<Throwable> onFailure) {
        sends = sends.thenCompose(ignored -> socket.sendText(frame, true))
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        onFailure.accept(error);
                        socket.abort();
                    }
                })
                .exceptionally(error -> null);
    }

    void abort() {
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    void close() {
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final Events events;
        private final StringBuilder partial = new StringBuilder();

        Listener(Events events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // before any frame is reported, so that an answer to the first one can always be sent
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last && partial.isEmpty()) {
                events.onText(GatewaySocket.this, data.toString()); // a whole frame in one part: one copy
            } else {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    events.onText(GatewaySocket.this, text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.onGone(GatewaySocket.this, "closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.onGone(GatewaySocket.this, "broken: " + error);
        }
    }
}
