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
 * The processor's view of its stores: loads what {@code decide} needs and writes what the events mean
 * (through {@link GroupTables}, which a replay runs too). The group state and the history are kept apart
 * so that posting a message never rewrites the member list, and the group states are kept decoded in a
 * {@link DecodedCache} so that posting one does not decode it either.
 */
final class GroupStores {

    private final KeyValueStore<String, Message> messages;
    private final KeyValueStore<String, Group> directory;
    private final GroupTables tables;

    GroupStores(ProcessingContext context, long groupCacheMembers) {
        KeyValueStore<String, GroupState> groups = context.getStateStore(ChorusTopology.GROUPS_STORE);
        KeyValueStore<String, Long> seqs = context.getStateStore(ChorusTopology.SEQ_STORE);
        KeyValueStore<String, Long> dedup = context.getStateStore(ChorusTopology.DEDUP_STORE);
        this.messages = context.getStateStore(ChorusTopology.MESSAGES_STORE);
        this.directory = context.getStateStore(ChorusTopology.DIRECTORY_STORE);
        GroupTables.Table<GroupState> decodedGroups =
                new DecodedCache<>(table(groups), state -> 1 + state.members().size(), groupCacheMembers);
        this.tables = new GroupTables(decodedGroups, table(seqs), table(messages), table(dedup));
    }

    GroupState group(String groupId) {
        return tables.group(groupId);
    }

    /** Reads about {@code groupId}, which may be {@code null} for user-scoped commands. */
    Lookups lookups(String groupId) {
        return new StoreLookups(groupId);
    }

    /** See {@link GroupTables#save}. */
    void save(String groupId, GroupState before, GroupState after, List<DomainEvent> events) {
        tables.save(groupId, before, after, events);
    }

    private static <V> GroupTables.Table<V> table(KeyValueStore<String, V> store) {
        return new GroupTables.Table<>() {
            @Override
            public V get(String key) {
                return store.get(key);
            }

            @Override
            public void put(String key, V value) {
                store.put(key, value);
            }

            @Override
            public V delete(String key) {
                return store.delete(key);
            }
        };
    }

    private final class StoreLookups implements Lookups {

        private final String groupId;

        StoreLookups(String groupId) {
            this.groupId = groupId;
        }

        @Override
        public long lastSeq() {
            return tables.lastSeq(groupId);
        }

        @Override
        public Optional<Message> original(String senderId, String clientMessageId) {
            return tables.original(groupId, senderId, clientMessageId);
        }

        @Override
        public List<Message> messages(long fromSeq, long toSeq) {
            List<Message> page = new ArrayList<>();
            try (KeyValueIterator<String, Message> range = messages.range(GroupTables.messageKey(groupId, fromSeq),
                    GroupTables.messageKey(groupId, toSeq))) {
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
