package dev.chorus.processor.topology;

import java.util.LinkedHashMap;
import java.util.function.ToIntFunction;

/**
 * Values a task has recently read or written, kept decoded in front of its store, so that a message to a
 * group of hundreds does not decode the member list again (that decoding was 44 % of the processor's
 * time at 500 msg/s into groups of 100; docs/PERFORMANCE.md).
 *
 * <p>It writes through: the store always has every value, and the cache only ever holds what the store
 * would return. An entry is dropped before the store is written, so a write that fails half-way (say,
 * after RocksDB but before the changelog) cannot leave an older value here. The cache lives as long as the
 * processor's {@code init}: a task whose stores are wiped and restored (an aborted transaction, a
 * migration) is initialized again and starts with an empty one. Only the task's own stream thread uses it.
 *
 * <p>Bounded by weight rather than by entries, since a group of thousands weighs a thousand times what a
 * group of one does; the least recently used values go first, and one heavier than the whole budget is
 * never kept. Values must be immutable, as records of immutable lists are.
 */
final class DecodedCache<V> implements GroupTables.Table<V> {

    private final GroupTables.Table<V> store;
    private final ToIntFunction<V> weight;
    private final long budget;
    private final LinkedHashMap<String, V> values = new LinkedHashMap<>(64, 0.75f, true);
    private long used;

    /**
     * @param store  where the values live
     * @param weight what one value counts against the budget, at least 1
     * @param budget the most weight kept; 0 keeps nothing
     */
    DecodedCache(GroupTables.Table<V> store, ToIntFunction<V> weight, long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("a cache budget cannot be negative: " + budget);
        }
        this.store = store;
        this.weight = weight;
        this.budget = budget;
    }

    @Override
    public V get(String key) {
        V value = values.get(key);
        if (value == null) {
            value = store.get(key);
            remember(key, value);
        }
        return value;
    }

    @Override
    public void put(String key, V value) {
        forget(key);
        store.put(key, value);
        remember(key, value);
    }

    @Override
    public V delete(String key) {
        forget(key);
        return store.delete(key);
    }

    /** The weight held now; for tests. */
    long used() {
        return used;
    }

    private void remember(String key, V value) {
        if (value == null) {
            return;
        }
        long w = weightOf(value);
        if (w > budget) {
            return;
        }
        values.put(key, value);
        used += w;
        var eldest = values.entrySet().iterator();
        while (used > budget) {
            used -= weightOf(eldest.next().getValue());
            eldest.remove();
        }
    }

    private void forget(String key) {
        V old = values.remove(key);
        if (old != null) {
            used -= weightOf(old);
        }
    }

    private long weightOf(V value) {
        return Math.max(1, weight.applyAsInt(value));
    }
}
