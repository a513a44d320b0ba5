package dev.chorus.processor.topology;

import dev.chorus.event.DomainEvent;
import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.group.Lookups;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Message;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processor's view of its stores: loads what {@code decide} needs and writes what the events mean.
 * The group state and the history are kept apart so that posting a message never rewrites the member
 * list.
 */
final class GroupStores {

    private final KeyValueStore<String, GroupState> groups;
    private final KeyValueStore<String, Long> seqs;
    private final KeyValueStore<String, Message> messages;
    private final KeyValueStore<String, Long> dedup;
    private final KeyValueStore<String, Group> directory;

    GroupStores(ProcessingContext context) {
        this.groups = context.getStateStore(ChorusTopology.GROUPS_STORE);
        this.seqs = context.getStateStore(ChorusTopology.SEQ_STORE);
        this.messages = context.getStateStore(ChorusTopology.MESSAGES_STORE);
        this.dedup = context.getStateStore(ChorusTopology.DEDUP_STORE);
        this.directory = context.getStateStore(ChorusTopology.DIRECTORY_STORE);
    }

    GroupState group(String groupId) {
        GroupState state = groups.get(groupId);
        return state == null ? GroupState.NONE : state;
    }

    /** Reads about {@code groupId}, which may be {@code null} for user-scoped commands. */
    Lookups lookups(String groupId) {
        return new StoreLookups(groupId);
    }

    /**
     * Writes the state the events led to. Called only with the events of an accepted decision, after
     * everything was decided, so a failure in deciding leaves the stores untouched.
     */
    void save(String groupId, GroupState before, GroupState after, List<DomainEvent> events) {
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

    private void append(Message message) {
        seqs.put(message.groupId(), message.seq());
        messages.put(StoreKeys.message(message.groupId(), message.seq()), message);
        if (message.clientMessageId() != null) {
            dedup.put(StoreKeys.dedup(message.groupId(), message.sender().userId(), message.clientMessageId()),
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
            Message message = messages.delete(StoreKeys.message(groupId, seq));
            if (message != null && message.clientMessageId() != null) {
                dedup.delete(StoreKeys.dedup(groupId, message.sender().userId(), message.clientMessageId()));
            }
        }
    }

    private final class StoreLookups implements Lookups {

        private final String groupId;

        StoreLookups(String groupId) {
            this.groupId = groupId;
        }

        @Override
        public long lastSeq() {
            Long seq = seqs.get(groupId);
            return seq == null ? 0 : seq;
        }

        @Override
        public Optional<Message> original(String senderId, String clientMessageId) {
            Long seq = dedup.get(StoreKeys.dedup(groupId, senderId, clientMessageId));
            if (seq == null) {
                return Optional.empty();
            }
            Message message = messages.get(StoreKeys.message(groupId, seq));
            if (message == null) {
                throw new IllegalStateException("dedup entry of group " + groupId + " points at missing seq " + seq);
            }
            return Optional.of(message);
        }

        @Override
        public List<Message> messages(long fromSeq, long toSeq) {
            List<Message> page = new ArrayList<>();
            try (KeyValueIterator<String, Message> range =
                         messages.range(StoreKeys.message(groupId, fromSeq), StoreKeys.message(groupId, toSeq))) {
                range.forEachRemaining(entry -> page.add(entry.value));
            }
            return page;
        }

        @Override
        public List<Group> directory() {
            List<Group> live = new ArrayList<>();
            try (KeyValueIterator<String, Group> all = directory.all()) {
                all.forEachRemaining(entry -> live.add(entry.value));
            }
            return live;
        }
    }
}
