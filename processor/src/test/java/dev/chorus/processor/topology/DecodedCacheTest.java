package dev.chorus.processor.topology;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodedCacheTest {

    /** A store that counts its reads and can be told to fail its next write after taking it. */
    private static final class CountingStore implements GroupTables.Table<List<String>> {
        final Map<String, List<String>> values = new HashMap<>();
        int reads;
        boolean failNextPutAfterWriting;

        @Override
        public List<String> get(String key) {
            reads++;
            return values.get(key);
        }

        @Override
        public void put(String key, List<String> value) {
            values.put(key, value);
            if (failNextPutAfterWriting) {
                failNextPutAfterWriting = false;
                throw new IllegalStateException("changelog write failed");
            }
        }

        @Override
        public List<String> delete(String key) {
            return values.remove(key);
        }
    }

    private final CountingStore store = new CountingStore();

    private DecodedCache<List<String>> cache(long budget) {
        return new DecodedCache<>(store, List::size, budget);
    }

    @Test
    void aValueReadOnceIsServedWithoutReadingTheStoreAgain() {
        store.values.put("g1", List.of("ann", "bob"));
        DecodedCache<List<String>> cache = cache(100);

        assertThat(cache.get("g1")).containsExactly("ann", "bob");
        assertThat(cache.get("g1")).containsExactly("ann", "bob");

        assertThat(store.reads).isOne();
    }

    @Test
    void writesGoToTheStoreAndTheNextReadSeesThem() {
        DecodedCache<List<String>> cache = cache(100);
        cache.get("g1");

        cache.put("g1", List.of("ann"));
        cache.put("g1", List.of("ann", "cid"));

        assertThat(store.values).containsEntry("g1", List.of("ann", "cid"));
        assertThat(cache.get("g1")).containsExactly("ann", "cid");
        assertThat(cache.used()).isEqualTo(2);
    }

    @Test
    void aDeletedValueIsReadFromTheStoreAgain() {
        DecodedCache<List<String>> cache = cache(100);
        cache.put("g1", List.of("ann"));

        assertThat(cache.delete("g1")).containsExactly("ann");

        assertThat(cache.get("g1")).isNull();
        assertThat(store.values).doesNotContainKey("g1");
        assertThat(cache.used()).isZero();
    }

    @Test
    void absentKeysAreNotRemembered() {
        DecodedCache<List<String>> cache = cache(100);

        cache.get("nobody");
        store.values.put("nobody", List.of("ann"));

        assertThat(cache.get("nobody")).containsExactly("ann");
    }

    @Test
    void theLeastRecentlyUsedValuesGoFirstWhenTheBudgetIsFull() {
        DecodedCache<List<String>> cache = cache(5);
        cache.put("a", List.of("1", "2"));
        cache.put("b", List.of("1", "2"));
        cache.get("a"); // b is now the least recently used
        cache.put("c", List.of("1", "2"));

        store.reads = 0;
        cache.get("a");
        cache.get("c");
        assertThat(store.reads).as("a and c are still decoded").isZero();
        cache.get("b");
        assertThat(store.reads).as("b was dropped").isOne();
        assertThat(cache.used()).isLessThanOrEqualTo(5);
    }

    @Test
    void aValueHeavierThanTheWholeBudgetIsNeverKept() {
        DecodedCache<List<String>> cache = cache(2);
        cache.put("small", List.of("1"));
        cache.put("huge", List.of("1", "2", "3"));

        store.reads = 0;
        assertThat(cache.get("huge")).hasSize(3);
        assertThat(cache.get("small")).hasSize(1);
        assertThat(store.reads).as("huge read from the store, small still decoded").isOne();
    }

    @Test
    void aBudgetOfZeroReadsEveryValueFromTheStore() {
        DecodedCache<List<String>> cache = cache(0);
        cache.put("g1", List.of("ann"));

        cache.get("g1");
        cache.get("g1");

        assertThat(store.reads).isEqualTo(2);
        assertThat(cache.used()).isZero();
    }

    @Test
    void aWriteThatFailsHalfWayLeavesNoOlderValueBehind() {
        DecodedCache<List<String>> cache = cache(100);
        cache.put("g1", List.of("ann"));
        store.failNextPutAfterWriting = true;

        assertThatThrownBy(() -> cache.put("g1", List.of("ann", "bob"))).hasMessage("changelog write failed");

        assertThat(cache.get("g1")).as("what the store holds, not the older value").containsExactly("ann", "bob");
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertThatThrownBy(() -> cache(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
