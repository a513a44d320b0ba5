package dev.chorus.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Chorus user's connection that survives gateways dying. It reconnects (with jittered backoff) to the
 * gateways in turn, resumes every followed group from the last seq it delivered, sends again what was not
 * acknowledged (same {@code clientMessageId}, so never twice), drops duplicates, and hands the application
 * each group's messages exactly once, in seq order, with no gap. All state lives on one thread, the loop,
 * which also calls the listener.
 */
public final class ChorusClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChorusClient.class);
    private static final long TICK_MS = 250;
    private static final long RETRY_LATER_MS = 500;
    private static final long RATE_LIMITED_MS = 1_000;

    private final ClientSettings settings;
    private final Consumer<ChatMessage> listener;
    private final HttpClient http;
    private final ScheduledExecutorService loop;
    /** Runs a task on the loop, logging what it throws. */
    private final Executor safe;
    private final Backoff backoff;
    private final Outbox outbox = new Outbox();
    private final SendBudget budget;
    private final Map<String, GroupLog> groups = new HashMap<>();
    private final CatchUp catchUp;
    private final GroupRequests requests = new GroupRequests();
    private GatewaySocket socket;
    private volatile String userId;
    private volatile boolean connected;
    private volatile boolean closed;
    private int attempts;
    private int nextGateway;
    private volatile long reconnects = -1;

    private ChorusClient(ClientSettings settings, Consumer<ChatMessage> listener, HttpClient http) {
        this.settings = settings;
        this.http = http;
        this.listener = listener;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "chorus-client");
            thread.setDaemon(true);
            return thread;
        });
        this.safe = task -> loop.execute(guarded(task));
        this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.catchUp = new CatchUp(settings.pageSize(), settings.resendAfter().toNanos());
        this.budget = new SendBudget(settings.sendsPerSecond(), System.nanoTime());
    }

    /** Starts connecting; {@code listener} gets every followed group's messages, in order, on the loop. */
    public static ChorusClient start(ClientSettings settings, Consumer<ChatMessage> listener) {
        return start(settings, listener, HttpClient.newHttpClient());
    }

    /**
     * As {@link #start(ClientSettings, Consumer)}, over a given {@link HttpClient}: many clients in one JVM
     * (a load generator) can share a few, rather than each having its own selector thread.
     */
    public static ChorusClient start(ClientSettings settings, Consumer<ChatMessage> listener, HttpClient http) {
        ChorusClient client = new ChorusClient(settings, listener, http);
        client.safe.execute(client::connect);
        client.loop.scheduleWithFixedDelay(guarded(client::tick), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        return client;
    }

    /** Creates a group (its name should be unique to this client's pending creations); completes with its id. */
    public CompletableFuture<String> createGroup(String name) {
        CompletableFuture<String> created = requests.creating(name);
        safe.execute(() -> sendControl("create " + name, Frames.frame("GROUP:ADD_GROUP", Map.of("name", name))));
        return created;
    }

    /** Joins a group and follows it from its first message. */
    public CompletableFuture<Void> joinGroup(String groupId) {
        CompletableFuture<Void> joined = requests.joining(groupId);
        safe.execute(() -> sendControl("join " + groupId,
                Frames.frame("GROUP:JOIN_GROUP", Map.of("groupId", groupId))));
        return joined;
    }

    /** Delivers a group's messages after {@code afterSeq} (0: all of them); the user must be a member. */
    public void follow(String groupId, long afterSeq) {
        safe.execute(() -> {
            groups.putIfAbsent(groupId, new GroupLog(afterSeq));
            requestCatchUp(groupId);
        });
    }

    /** Sends a text message; completes with the message as stored, once, however many tries it takes. */
    public CompletableFuture<ChatMessage> sendText(String groupId, String text) {
        String clientMessageId = UUID.randomUUID().toString();
        String frame = Frames.frame("CHAT:SEND_MESSAGE_TEXT",
                Map.of("groupId", groupId, "text", text, "clientMessageId", clientMessageId));
        CompletableFuture<CompletableFuture<ChatMessage>> added = CompletableFuture.supplyAsync(() -> {
            Outbox.Pending send = outbox.add(clientMessageId, frame);
            flushOutbox();
            return send.result;
        }, safe);
        return added.thenCompose(result -> result);
    }

    public boolean isConnected() {
        return connected;
    }

    /** Connections made after the first. */
    public long reconnects() {
        return Math.max(0, reconnects);
    }

    public String userId() {
        return userId;
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture.runAsync(() -> {
            if (socket != null) {
                socket.close();
            }
            outbox.failAll(new IllegalStateException("client closed"));
        }, safe).orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        loop.shutdownNow();
    }

    private void connect() {
        if (closed) {
            return;
        }
        var gateway = settings.gateways().get(nextGateway++ % settings.gateways().size());
        // current before it opens: its first frames may be reported before the opening completes
        GatewaySocket next = new GatewaySocket(gateway);
        socket = next;
        next.open(http, settings.token().get(), new Events()).whenCompleteAsync((opened, error) -> {
            if (error != null) {
                gone(next, "could not connect: " + error);
            } else if (closed) {
                next.close();
            }
        }, safe);
    }

    /** The scheduled executor would keep what a task throws in a future nobody reads, and stop a tick. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Chorus client loop task failed", e);
            }
        };
    }

    private void scheduleReconnect() {
        if (!closed) {
            loop.schedule(guarded(this::connect), backoff.delay(attempts++).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void onFrame(Frames.Incoming frame) {
        String type = frame.type();
        JsonNode data = frame.data();
        if (frame.message() != null) {
            take(frame.message());
        } else if ("SYSTEM:CONNECTED".equals(type)) {
            userId = Frames.text(data, "userId");
            connected = true;
            attempts = 0;
            reconnects++;
            requests.unansweredFrames().forEach(this::sendNow);
            groups.keySet().forEach(this::requestCatchUp);
            flushOutbox();
        } else if ("CHAT:RETURN_INIT_MESSAGES".equals(type)) {
            String groupId = Frames.text(data, "groupId");
            data.get("messages").forEach(message -> take(ChatMessage.from(message)));
            catchUp.answered(groupId, data.get("hasMore").asBoolean(), groups.get(groupId));
            requestCatchUp(groupId);
        } else if ("GROUP:GROUP_ADDED".equals(type)) {
            JsonNode group = data.get("group");
            String name = Frames.text(group, "name");
            if (requests.isCreating(name, Frames.text(group, "createdBy"), userId)) {
                // followed before the creation completes, so that no message of it is missed
                groups.putIfAbsent(Frames.text(group, "id"), new GroupLog(0));
                requests.created(name, Frames.text(group, "id"));
            }
        } else if ("GROUP:USER_JOINED".equals(type)) {
            String groupId = Frames.text(data, "groupId");
            if (Frames.text(data.get("member"), "userId").equals(userId)) {
                groups.putIfAbsent(groupId, new GroupLog(0));
                requestCatchUp(groupId);
                requests.joined(groupId);
            }
        } else if ("SYSTEM:ERROR".equals(type)) {
            onError(data);
        }
    }

    private void take(ChatMessage message) {
        outbox.acknowledge(message, userId);
        GroupLog group = groups.get(message.groupId());
        if (group == null) {
            return;
        }
        group.offer(message).forEach(listener);
        if (group.hasGap()) {
            requestCatchUp(message.groupId());
        }
    }

    private void onError(JsonNode data) {
        String code = Frames.text(data, "code");
        String requestType = Frames.text(data, "requestType");
        String clientMessageId = Frames.text(data, "clientMessageId");
        String groupId = Frames.text(data, "groupId");
        // Neither was accepted: the log could not take it, or this user sends faster than the gateway allows.
        boolean retriable = "UNAVAILABLE".equals(code) || "RATE_LIMITED".equals(code);
        if (clientMessageId != null) {
            if (retriable) {
                long later = RETRY_LATER_MS;
                if ("RATE_LIMITED".equals(code)) {
                    budget.exhaust(System.nanoTime());
                    later = RATE_LIMITED_MS;
                }
                loop.schedule(guarded(() -> outbox.retry(clientMessageId)), later, TimeUnit.MILLISECONDS);
            } else {
                outbox.reject(clientMessageId, new IllegalStateException(code + ": " + Frames.text(data, "message")));
            }
        } else if ("CHAT:GET_INIT_MESSAGES".equals(requestType) && groupId != null) {
            // Just after connecting the gateway may still be loading the user's groups: ask again shortly.
            catchUp.failed(groupId);
            loop.schedule(guarded(() -> requestCatchUp(groupId)), RETRY_LATER_MS, TimeUnit.MILLISECONDS);
        } else {
            log.warn("{} refused {} ({}): {}", userId, requestType, code, Frames.text(data, "message"));
        }
    }

    private void requestCatchUp(String groupId) {
        if (!connected || !budget.allows(System.nanoTime())) {
            return; // a tick asks again as the budget refills: a user in 80 groups must not ask 80 at once
        }
        String request = catchUp.next(groupId, groups.get(groupId), System.nanoTime());
        if (request != null) {
            sendNow(request);
        }
    }

    private void tick() {
        if (connected) {
            groups.keySet().forEach(this::requestCatchUp);
            flushOutbox();
        }
    }

    private void flushOutbox() {
        if (!connected) {
            return;
        }
        long now = System.nanoTime();
        for (Outbox.Pending send : outbox.due(now, settings.resendAfter().toNanos())) {
            if (!budget.allows(now)) {
                break; // the rest go on a later tick, as the budget refills
            }
            outbox.sent(send, now);
            sendNow(send.frame);
        }
    }

    private void sendControl(String key, String frame) {
        requests.asked(key, frame);
        if (connected) {
            sendNow(frame);
        }
    }

    private void sendNow(String frame) {
        GatewaySocket current = socket;
        if (current != null) {
            budget.spend(System.nanoTime());
            current.send(frame, error -> log.debug("send to {} failed: {}", current.gateway, error.toString()));
        }
    }

    private void gone(GatewaySocket which, String why) {
        if (which != socket) {
            return;
        }
        log.debug("{} lost {}: {}", userId, which.gateway, why);
        socket = null;
        connected = false;
        outbox.connectionLost();
        catchUp.connectionLost();
        scheduleReconnect();
    }

    private final class Events implements GatewaySocket.Events {
        @Override
        public void onText(GatewaySocket from, String text) {
            if (closed) {
                return;
            }
            Frames.Incoming frame = Frames.read(text);
            safe.execute(() -> {
                if (from == socket) {
                    onFrame(frame);
                }
            });
        }

        @Override
        public void onGone(GatewaySocket from, String why) {
            if (closed) {
                return;
            }
            safe.execute(() -> gone(from, why));
        }
    }
}
