package dev.chorus.processor.topology;

import dev.chorus.event.DomainEvent;
import dev.chorus.processor.group.GroupState;
import dev.chorus.protocol.Message;

import java.util.List;
import java.util.Optional;

/**
 * The group stores as tables of keys to values, and what the events of an accepted decision do to them.
 * The topology runs it over its Kafka Streams stores; a replay of {@code chorus.events} runs the same code
 * over maps, so the state it rebuilds is the processor's by construction, key for key.
 */
public final class GroupTables {

    /** The part of a key-value store these tables use. */
    public interface Table<V> {
        V get(String key);

        void put(String key, V value);

        /** @return the value removed, {@code null} when there was none */
        V delete(String key);
    }

    private final Table<GroupState> groups;
    private final Table<Long> seqs;
    private final Table<Message> messages;
    private final Table<Long> dedup;

    /**
     * @param groups   group id → {@link GroupState}, the {@code groups} store
     * @param seqs     group id → last seq, the {@code group-seq} store
     * @param messages {@link #messageKey} → message, the {@code messages} store
     * @param dedup    {@link #dedupKey} → seq of the original, the {@code dedup} store
     */
    public GroupTables(Table<GroupState> groups, Table<Long> seqs, Table<Message> messages, Table<Long> dedup) {
        this.groups = groups;
        this.seqs = seqs;
        this.messages = messages;
        this.dedup = dedup;
    }

    public GroupState group(String groupId) {
        GroupState state = groups.get(groupId);
        return state == null ? GroupState.NONE : state;
    }

    /** The seq of the group's newest message, 0 when it has none (or was deleted). */
    public long lastSeq(String groupId) {
        Long seq = seqs.get(groupId);
        return seq == null ? 0 : seq;
    }

    /** The message a sender already posted under this client message id, if the group still has it. */
    public Optional<Message> original(String groupId, String senderId, String clientMessageId) {
        Long seq = dedup.get(dedupKey(groupId, senderId, clientMessageId));
        if (seq == null) {
            return Optional.empty();
        }
        Message message = messages.get(messageKey(groupId, seq));
        if (message == null) {
            throw new IllegalStateException("dedup entry of group " + groupId + " points at missing seq " + seq);
        }
        return Optional.of(message);
    }

    /**
     * Writes the state the events led to. Called only with the events of an accepted decision, after
     * everything was decided, so a failure in deciding leaves the tables untouched.
     */
    public void save(String groupId, GroupState before, GroupState after, List<DomainEvent> events) {
        if (!after.equals(before)) {
            groups.put(groupId, after);
        }
        for (DomainEvent event : events) {
            if (event instanceof DomainEvent.MessagePosted posted) {
                append(posted.message());
            } else if (event instanceof DomainEvent.GroupDeleted) {
                forgetHistory(groupId);
            }
        }
    }

    /** The key of a message in the {@code messages} store: range scans over it are pages of history. */
    public static String messageKey(String groupId, long seq) {
        return StoreKeys.message(groupId, seq);
    }

    public static String dedupKey(String groupId, String senderId, String clientMessageId) {
        return StoreKeys.dedup(groupId, senderId, clientMessageId);
    }

    private void append(Message message) {
        seqs.put(message.groupId(), message.seq());
        messages.put(messageKey(message.groupId(), message.seq()), message);
        if (message.clientMessageId() != null) {
            dedup.put(dedupKey(message.groupId(), message.sender().userId(), message.clientMessageId()),
                    message.seq());
        }
    }

    /**
     * Seqs are gap-free, so every message is found by counting, and each one names its own dedup entry:
     * no scan of a store is needed, and nothing of another group can be touched.
     */
    private void forgetHistory(String groupId) {
        Long lastSeq = seqs.delete(groupId);
        for (long seq = 1; lastSeq != null && seq <= lastSeq; seq++) {
            Message message = messages.delete(messageKey(groupId, seq));
            if (message != null && message.clientMessageId() != null) {
                dedup.delete(dedupKey(groupId, message.sender().userId(), message.clientMessageId()));
            }
        }
    }
}
