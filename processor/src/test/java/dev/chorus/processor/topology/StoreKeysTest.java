package dev.chorus.processor.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The history's keys: the store's byte order must be each group's seq order. */
class StoreKeysTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 99, 100, 12_345, 999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE})
    void aSeqIsPaddedToNineteenDigits(long seq) {
        assertThat(StoreKeys.message("g1", seq)).isEqualTo("g1|" + String.format("%019d", seq));
    }

    @Test
    void seqOrderIsKeyOrder() {
        List<String> keys = new ArrayList<>();
        for (long seq = 1; seq < 5_000_000_000_000L; seq = seq * 3 + 1) {
            keys.add(StoreKeys.message("g1", seq));
        }

        assertThat(keys).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aSeparatorInsideAGroupIdIsEscaped() {
        assertThat(StoreKeys.message("a|b\\c", 7)).isEqualTo("a\\|b\\\\c|0000000000000000007");
    }

    @Test
    void aNegativeSeqIsRefused() {
        assertThatThrownBy(() -> StoreKeys.message("g1", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
