package dev.chorus.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The group creations and joins a client has asked for and not yet seen answered. Their frames are sent
 * again on every new connection (a join is idempotent; a creation is matched by its name), and each
 * completes when the user's own {@code GROUP_ADDED} or {@code USER_JOINED} comes back. The futures may
 * be made on any thread; everything else runs on the client's loop.
 */
final class GroupRequests {

    private final Map<String, CompletableFuture<String>> creating = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> joining = new ConcurrentHashMap<>();
    /** Unanswered frames by what they ask ("create NAME", "join ID"), in the order asked. */
    private final Map<String, String> unanswered = new LinkedHashMap<>();

    CompletableFuture<String> creating(String name) {
        CompletableFuture<String> created = new CompletableFuture<>();
        creating.put(name, created);
        return created;
    }

    CompletableFuture<Void> joining(String groupId) {
        CompletableFuture<Void> joined = new CompletableFuture<>();
        joining.put(groupId, joined);
        return joined;
    }

    /** Remembers a request's frame until it is answered; returns the frame. */
    String asked(String key, String frame) {
        unanswered.put(key, frame);
        return frame;
    }

    Collection<String> unansweredFrames() {
        return unanswered.values();
    }

    /** Whether a group added by {@code createdBy} under {@code name} is one this client asked to create. */
    boolean isCreating(String name, String createdBy, String userId) {
        return userId != null && userId.equals(createdBy) && creating.containsKey(name);
    }

    void created(String name, String groupId) {
        unanswered.remove("create " + name);
        CompletableFuture<String> created = creating.remove(name);
        if (created != null) {
            created.complete(groupId);
        }
    }

    /** This user joined {@code groupId} (whether or not this client asked). */
    void joined(String groupId) {
        unanswered.remove("join " + groupId);
        CompletableFuture<Void> joined = joining.remove(groupId);
        if (joined != null) {
            joined.complete(null);
        }
    }
}
