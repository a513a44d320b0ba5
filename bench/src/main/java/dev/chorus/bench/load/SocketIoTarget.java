package dev.chorus.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Socket.IO peer (bench/peer) through the JDK's WebSocket client, speaking Engine.IO v4 / Socket.IO v5
 * over the websocket transport itself: no Socket.IO client library. User {@code i} connects to node
 * {@code i % nodes}, joins the room of its group with an acknowledged {@code join}, sends with
 * {@code chat} and gets every {@code chat} emitted to its room, its own included. The sockets share a few
 * {@link HttpClient}s, so thousands of users don't make thousands of selector threads, and each socket's
 * frames are handled on its client's selector thread. The listener is called there, so it must be cheap.
 */
public final class SocketIoTarget implements ChatTarget {

    private static final int HTTP_CLIENTS = 4;
    private static final int CONNECTS_IN_FLIGHT = 200;
    private static final long TIMEOUT_SECONDS = 60;

    private final List<URI> nodes;
    private final List<HttpClient> http;
    private final List<Connection> connections = new ArrayList<>();
    private final List<String> rooms = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private int members;

    /**
     * @param nodes each node's base URI, {@code http://127.0.0.1:3001} or {@code ws://127.0.0.1:3001}, to
     *              which {@code /socket.io/?EIO=4&transport=websocket} is added, or that endpoint itself
     */
    public SocketIoTarget(List<URI> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no Socket.IO node");
        }
        this.nodes = nodes.stream().map(SocketIoTarget::endpoint).toList();
        this.http = HttpClients.onSelectorThreads(HTTP_CLIENTS, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /** {@code ws://host:port/socket.io/?EIO=4&transport=websocket} of a node's base URI. */
    static URI endpoint(URI node) {
        String scheme = switchScheme(node.getScheme());
        String path = node.getPath() == null || node.getPath().isEmpty() || node.getPath().equals("/")
                ? "/socket.io/" : node.getPath();
        return URI.create(scheme + "://" + node.getAuthority() + path + "?EIO=4&transport=websocket");
    }

    private static String switchScheme(String scheme) {
        if ("http".equals(scheme) || "ws".equals(scheme)) {
            return "ws";
        }
        if ("https".equals(scheme) || "wss".equals(scheme)) {
            return "wss";
        }
        throw new IllegalArgumentException("not an http(s) or ws(s) URI scheme: " + scheme);
    }

    @Override
    public String name() {
        return "socket.io";
    }

    @Override
    public void connect(int groups, int members, Delivery listener) throws Exception {
        this.members = members;
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int g = 0; g < groups; g++) {
            rooms.add("bench-" + run + "-" + g);
        }
        // connect everyone, a bounded number of handshakes at a time
        Semaphore permits = new Semaphore(CONNECTS_IN_FLIGHT);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int user = 0; user < groups * members; user++) {
            permits.acquire();
            Connection connection = new Connection(user / members, user % members, listener);
            connections.add(connection);
            CompletableFuture<Void> connected = connection.open(http.get(user % http.size()),
                    nodes.get(user % nodes.size()));
            connected.whenComplete((v, e) -> permits.release());
            ready.add(connected);
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS * 2, TimeUnit.SECONDS);
        // then put each in its room, waiting for every ack
        List<CompletableFuture<?>> joins = new ArrayList<>();
        for (Connection connection : connections) {
            joins.add(connection.join(rooms.get(connection.group)));
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS * 2, TimeUnit.SECONDS);
    }

    @Override
    public void send(int group, int member, String text) {
        connections.get(group * members + member).send(SocketIoPackets.chat(rooms.get(group), text));
    }

    /** Connections that closed or failed after they were up, and frames that could not be parsed. */
    public int failures() {
        return failures.get();
    }

    @Override
    public void close() {
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (Connection connection : connections) {
            closing.add(connection.close());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            connections.forEach(Connection::abort);
        }
    }

    /** One user's socket: the Engine.IO handshake, pings, acks, and one send in flight at a time. */
    private final class Connection implements WebSocket.Listener {
        final int group;
        final int member;
        final Delivery listener;
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final Map<Long, CompletableFuture<SocketIoPackets.Packet>> acks = new ConcurrentHashMap<>();
        final AtomicLong nextAck = new AtomicLong();
        final Queue<String> outbox = new ConcurrentLinkedQueue<>();
        final AtomicBoolean sending = new AtomicBoolean();
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile boolean closing;

        Connection(int group, int member, Delivery listener) {
            this.group = group;
            this.member = member;
            this.listener = listener;
        }

        CompletableFuture<Void> open(HttpClient client, URI uri) {
            client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).buildAsync(uri, this)
                    .whenComplete((ws, e) -> {
                        if (e != null) {
                            connected.completeExceptionally(e);
                        }
                    });
            return connected.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        CompletableFuture<SocketIoPackets.Packet> join(String room) {
            long id = nextAck.getAndIncrement();
            CompletableFuture<SocketIoPackets.Packet> ack = new CompletableFuture<>();
            acks.put(id, ack);
            send(SocketIoPackets.join(id, room));
            return ack.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        /** Queues a frame and sends it now unless another is in flight, whose completion sends the next. */
        void send(String frame) {
            outbox.add(frame);
            drain();
        }

        private void drain() {
            while (sending.compareAndSet(false, true)) {
                String next = outbox.poll();
                if (next == null) {
                    sending.set(false);
                    if (outbox.isEmpty()) {
                        return;
                    }
                    continue; // one came in between
                }
                CompletableFuture<WebSocket> sent = socket.sendText(next, true);
                if (!sent.isDone()) {
                    sent.whenComplete((ws, e) -> {
                        sent(e);
                        drain();
                    });
                    return;
                }
                sent.whenComplete((ws, e) -> sent(e));
            }
        }

        private void sent(Throwable error) {
            if (error != null && !closing) {
                failed("send failed: " + error);
            }
            sending.set(false);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
                webSocket.request(1);
                return null;
            }
            long received = System.nanoTime();
            String frame;
            if (partial.length() == 0) {
                frame = data.toString();
            } else {
                frame = partial.append(data).toString();
                partial.setLength(0);
            }
            try {
                handle(frame, received);
            } catch (RuntimeException e) {
                failed("bad frame " + SocketIoPackets.abbreviate(frame) + ": " + e);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String frame, long received) {
            char type = frame.charAt(0);
            if (type == SocketIoPackets.PING) {
                send(SocketIoPackets.PONG_FRAME);
                return;
            }
            if (type == SocketIoPackets.OPEN) {
                send(SocketIoPackets.CONNECT_DEFAULT);
                return;
            }
            if (type != SocketIoPackets.MESSAGE) {
                return; // close (the socket closes too), noop
            }
            if (frame.startsWith("42")) {
                String[] chat = SocketIoPackets.readChat(frame);
                if (chat != null) {
                    listener.delivered(group, member, chat[1], received);
                }
                return; // no other event comes from this server
            }
            SocketIoPackets.Packet packet = SocketIoPackets.parse(frame);
            switch (packet.socketType()) {
                case SocketIoPackets.ACK -> {
                    CompletableFuture<SocketIoPackets.Packet> ack = acks.remove(packet.ackId());
                    if (ack != null) {
                        ack.complete(packet);
                    }
                }
                case SocketIoPackets.CONNECT -> connected.complete(null);
                case SocketIoPackets.CONNECT_ERROR -> connected.completeExceptionally(
                        new IllegalStateException("Socket.IO refused the connection: " + packet.data()));
                case SocketIoPackets.DISCONNECT -> failed("disconnected by the server");
                default -> {
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!closing) {
                failed("closed by the server: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closing) {
                failed("error: " + error);
            }
        }

        private void failed(String what) {
            IllegalStateException error = new IllegalStateException(
                    "socket.io user " + (group * members + member) + " " + what);
            if (!connected.completeExceptionally(error)) {
                failures.incrementAndGet();
                System.err.println(error.getMessage());
            }
            acks.values().forEach(ack -> ack.completeExceptionally(error));
        }

        CompletableFuture<?> close() {
            closing = true;
            WebSocket ws = socket;
            if (ws == null || ws.isOutputClosed()) {
                return CompletableFuture.completedFuture(null);
            }
            // behind any frame still queued; the server closes its side on the close frame
            CompletableFuture<Void> done = new CompletableFuture<>();
            outbox.clear();
            Runnable closeNow = () -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "")
                    .whenComplete((w, e) -> done.complete(null));
            waitIdle(closeNow);
            return done;
        }

        private void waitIdle(Runnable then) {
            if (sending.compareAndSet(false, true)) {
                then.run();
            } else {
                CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS).execute(() -> waitIdle(then));
            }
        }

        void abort() {
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }
    }
}
