package dev.chorus.replay;

import dev.chorus.event.DomainEvent;
import dev.chorus.processor.group.GroupAggregate;
import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.topology.GroupTables;
import dev.chorus.processor.user.UserAggregate;
import dev.chorus.processor.user.UserInput;
import dev.chorus.processor.user.UserState;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Message;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * State rebuilt from events into fresh in-memory tables, with the processor's own functions:
 * {@link GroupAggregate#evolve} for a group, {@link GroupTables} for what the events do to the group stores,
 * {@link UserAggregate#changes} and {@link UserAggregate#evolve} for the users' groups. The tables have the
 * processor's keys and values, so they compare one to one with its stores.
 *
 * <p>The processor evolves all the events of one command at once; folding them one by one ends in the same
 * state, since each event's evolve sees the state the one before it left.
 */
final class ReplayedState {

    private final SortedMap<String, GroupState> groups = new TreeMap<>();
    private final SortedMap<String, Long> seqs = new TreeMap<>();
    private final TreeMap<String, Message> messages = new TreeMap<>();
    private final SortedMap<String, Long> dedup = new TreeMap<>();
    private final SortedMap<String, UserState> users = new TreeMap<>();
    private final SortedMap<String, Group> directory = new TreeMap<>();
    private final Map<String, Long> posted = new TreeMap<>();
    private final GroupTables tables = new GroupTables(table(groups), table(seqs), table(messages), table(dedup));
    private long events;

    /**
     * @throws IllegalStateException when the event cannot follow the group's state: the log is not a history
     *                               the processor could have written
     */
    void apply(DomainEvent event) {
        String groupId = event.groupId();
        GroupState before = tables.group(groupId);
        GroupState after = GroupAggregate.evolve(before, event);
        tables.save(groupId, before, after, List.of(event));
        for (UserInput.MembershipChange change : UserAggregate.changes(before, after)) {
            UserState user = UserAggregate.evolve(users.getOrDefault(change.userId(), UserState.EMPTY), change);
            // as the processor's user-groups store: no entry for a user in no group
            if (user.isEmpty()) {
                users.remove(change.userId());
            } else {
                users.put(change.userId(), user);
            }
        }
        if (!after.equals(before)) {
            // as chorus.group-directory: the summary of a live group, nothing once deleted
            if (after.live()) {
                directory.put(groupId, after.group());
            } else {
                directory.remove(groupId);
            }
        }
        if (event instanceof DomainEvent.MessagePosted) {
            posted.merge(groupId, 1L, Long::sum);
        }
        events++;
    }

    long events() {
        return events;
    }

    /** Group id to state, as the {@code groups} store holds it (deleted groups keep a tombstone state). */
    SortedMap<String, GroupState> groups() {
        return Collections.unmodifiableSortedMap(groups);
    }

    /** As the {@code group-seq} store. */
    SortedMap<String, Long> seqs() {
        return Collections.unmodifiableSortedMap(seqs);
    }

    /** As the {@code messages} store: the history of live groups, under {@link GroupTables#messageKey}. */
    SortedMap<String, Message> messages() {
        return Collections.unmodifiableSortedMap(messages);
    }

    /** As the {@code dedup} store. */
    SortedMap<String, Long> dedup() {
        return Collections.unmodifiableSortedMap(dedup);
    }

    /** As the {@code user-groups} store. */
    SortedMap<String, UserState> users() {
        return Collections.unmodifiableSortedMap(users);
    }

    /** As the compacted {@code chorus.group-directory}. */
    SortedMap<String, Group> directory() {
        return Collections.unmodifiableSortedMap(directory);
    }

    long lastSeq(String groupId) {
        return tables.lastSeq(groupId);
    }

    /** Messages ever posted to the group in the events applied, deleted ones included. */
    long posted(String groupId) {
        return posted.getOrDefault(groupId, 0L);
    }

    /** Messages the group holds now (none once deleted). */
    long messageCount(String groupId) {
        return messages.subMap(GroupTables.messageKey(groupId, 1), true,
                GroupTables.messageKey(groupId, Long.MAX_VALUE), true).size();
    }

    private static <V> GroupTables.Table<V> table(Map<String, V> map) {
        return new GroupTables.Table<>() {
            @Override
            public V get(String key) {
                return map.get(key);
            }

            @Override
            public void put(String key, V value) {
                map.put(key, value);
            }

            @Override
            public V delete(String key) {
                return map.remove(key);
            }
        };
    }
}
