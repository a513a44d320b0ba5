package dev.chorus.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends not yet acknowledged, in the order they were made. A send is acknowledged by the message carrying
 * its {@code clientMessageId} coming back from the sender; until then it is sent again, with the same id,
 * on every reconnect and whenever it has waited too long, and the server turns repeats into the original.
 * Each wait that runs out doubles the next (up to {@value #MAX_DOUBLINGS} times): a server that is merely
 * slow is not sent every message again every few seconds, which would only add to what it is behind on.
 */
final class Outbox {

    static final int MAX_DOUBLINGS = 4;

    static final class Pending {
        final String clientMessageId;
        final String frame;
        final CompletableFuture<ChatMessage> result = new CompletableFuture<>();
        long lastSentNanos;
        boolean sent;
        /** Times its wait ran out. */
        int resends;

        private Pending(String clientMessageId, String frame) {
            this.clientMessageId = clientMessageId;
            this.frame = frame;
        }
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();

    Pending add(String clientMessageId, String frame) {
        Pending send = new Pending(clientMessageId, frame);
        pending.put(clientMessageId, send);
        return send;
    }

    void sent(Pending send, long nowNanos) {
        if (send.sent) {
            send.resends++;
        }
        send.sent = true;
        send.lastSentNanos = nowNanos;
    }

    /** Completes the send this message answers, if it is one of ours still waiting. */
    void acknowledge(ChatMessage message, String userId) {
        if (message.clientMessageId() == null || !message.senderId().equals(userId)) {
            return;
        }
        Pending send = pending.remove(message.clientMessageId());
        if (send != null) {
            send.result.complete(message);
        }
    }

    /** The server refused the send for good (bad input, not a member): retrying would not help. */
    void reject(String clientMessageId, RuntimeException problem) {
        Pending send = pending.remove(clientMessageId);
        if (send != null) {
            send.result.completeExceptionally(problem);
        }
    }

    /** Makes a send due again, e.g. after the log could not take it. */
    void retry(String clientMessageId) {
        Pending send = pending.get(clientMessageId);
        if (send != null) {
            send.sent = false;
        }
    }

    /**
     * Sends to (re)send now, oldest first: never sent on this connection, or waiting past {@code resendNanos},
     * doubled for each time that already happened to it.
     */
    List<Pending> due(long nowNanos, long resendNanos) {
        List<Pending> due = new ArrayList<>();
        for (Pending send : pending.values()) {
            if (!send.sent || nowNanos - send.lastSentNanos >= resendNanos << Math.min(send.resends, MAX_DOUBLINGS)) {
                due.add(send);
            }
        }
        return due;
    }

    /** A new connection has seen none of them. */
    void connectionLost() {
        pending.values().forEach(send -> send.sent = false);
    }

    int size() {
        return pending.size();
    }

    void failAll(RuntimeException reason) {
        pending.values().forEach(send -> send.result.completeExceptionally(reason));
        pending.clear();
    }
}
