package dev.chorus.client;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One group's messages on their way to the application: each seq once, in order, none skipped. Messages
 * that arrive ahead of a missing one wait here until the catch-up brings it.
 */
final class GroupLog {

    private long delivered;
    private long duplicates;
    private final TreeMap<Long, ChatMessage> ahead = new TreeMap<>();

    /** @param afterSeq the last seq the application already has */
    GroupLog(long afterSeq) {
        this.delivered = afterSeq;
    }

    /** @return the messages the application can have now, in seq order; empty for a duplicate */
    List<ChatMessage> offer(ChatMessage message) {
        if (message.seq() <= delivered || ahead.containsKey(message.seq())) {
            duplicates++;
            return List.of();
        }
        ahead.put(message.seq(), message);
        List<ChatMessage> ready = new ArrayList<>();
        while (!ahead.isEmpty() && ahead.firstKey() == delivered + 1) {
            ready.add(ahead.pollFirstEntry().getValue());
            delivered++;
        }
        return ready;
    }

    /** Whether a message is missing before some that arrived. */
    boolean hasGap() {
        return !ahead.isEmpty();
    }

    long delivered() {
        return delivered;
    }

    long duplicates() {
        return duplicates;
    }
}
