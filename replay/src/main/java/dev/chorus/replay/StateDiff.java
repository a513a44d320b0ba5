package dev.chorus.replay;

import dev.chorus.processor.user.UserState;
import dev.chorus.protocol.Group;
import dev.chorus.topic.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Where the rebuilt state and the live one disagree, table by table and key by key. */
final class StateDiff {

    /** @param rebuilt {@code null} when only the live state has the key, and {@code live} the other way round */
    record Difference(String table, String key, Object rebuilt, Object live) {

        @Override
        public String toString() {
            return table + " [" + key + "]: rebuilt " + json(rebuilt) + ", live " + json(live);
        }

        private static String json(Object value) {
            return value == null ? "(absent)" : Json.mapper().writeValueAsString(value);
        }
    }

    private StateDiff() {
    }

    static List<Difference> between(ReplayedState rebuilt, LiveState.Tables live) {
        List<Difference> differences = new ArrayList<>();
        compare("groups", rebuilt.groups(), live.groups(), differences);
        compare("group-seq", rebuilt.seqs(), live.seqs(), differences);
        compare("messages", rebuilt.messages(), live.messages(), differences);
        compare("dedup", rebuilt.dedup(), live.dedup(), differences);
        compare("user-groups", byGroupId(rebuilt.users()), byGroupId(live.users()), differences);
        compare("group-directory", rebuilt.directory(), live.directory(), differences);
        return differences;
    }

    static <V> void compare(String table, SortedMap<String, V> rebuilt, SortedMap<String, V> live,
                            List<Difference> differences) {
        TreeSet<String> keys = new TreeSet<>(rebuilt.keySet());
        keys.addAll(live.keySet());
        for (String key : keys) {
            V expected = rebuilt.get(key);
            V actual = live.get(key);
            if (!Objects.equals(expected, actual)) {
                differences.add(new Difference(table, key, expected, actual));
            }
        }
    }

    /**
     * A user's groups in no particular order: the processor keeps them in the order the changes reached the
     * user's partition, which for groups on different partitions is the order it happened to process them
     * in, and no log records that.
     */
    private static SortedMap<String, List<Group>> byGroupId(Map<String, UserState> users) {
        SortedMap<String, List<Group>> sorted = new TreeMap<>();
        users.forEach((userId, state) -> sorted.put(userId,
                state.groups().stream().sorted(Comparator.comparing(Group::id)).toList()));
        return sorted;
    }
}
