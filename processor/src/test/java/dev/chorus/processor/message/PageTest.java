package dev.chorus.processor.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTest {

    @Test
    void latestOfAShortHistoryIsAllOfItWithNothingOlder() {
        assertThat(Page.latest(3, 50)).isEqualTo(new Page(1, 3, false));
    }

    @Test
    void latestOfALongHistoryIsTheLastLimitWithMoreOlder() {
        assertThat(Page.latest(120, 50)).isEqualTo(new Page(71, 120, true));
    }

    @Test
    void latestOfExactlyLimitMessagesHasNothingOlder() {
        assertThat(Page.latest(50, 50)).isEqualTo(new Page(1, 50, false));
    }

    @Test
    void anEmptyHistoryGivesAnEmptyPage() {
        Page page = Page.latest(0, 50);

        assertThat(page.isEmpty()).isTrue();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void beforeEndsJustBeforeTheCursor() {
        assertThat(Page.before(120, 71, 10)).isEqualTo(new Page(61, 70, true));
    }

    @Test
    void beforeReachingTheStartHasNothingOlder() {
        assertThat(Page.before(120, 4, 10)).isEqualTo(new Page(1, 3, false));
    }

    @Test
    void beforeTheFirstMessageIsEmpty() {
        Page page = Page.before(120, 1, 10);

        assertThat(page.isEmpty()).isTrue();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void beforeACursorPastTheEndIsTheLatest() {
        assertThat(Page.before(120, 1_000, 10)).isEqualTo(Page.latest(120, 10));
    }

    @Test
    void afterStartsJustAfterTheCursorWithMoreNewer() {
        assertThat(Page.after(120, 100, 5)).isEqualTo(new Page(101, 105, true));
    }

    @Test
    void afterZeroIsFromTheStart() {
        assertThat(Page.after(120, 0, 3)).isEqualTo(new Page(1, 3, true));
    }

    @Test
    void afterReachingTheEndHasNothingNewer() {
        assertThat(Page.after(120, 100, 50)).isEqualTo(new Page(101, 120, false));
    }

    @Test
    void afterTheLastMessageIsEmpty() {
        Page page = Page.after(120, 120, 50);

        assertThat(page.isEmpty()).isTrue();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void afterAnAbsurdCursorIsEmptyRatherThanOverflowing() {
        assertThat(Page.after(120, Long.MAX_VALUE, 50).isEmpty()).isTrue();
    }

    @Test
    void ofPicksTheDirectionFromTheCursor() {
        assertThat(Page.of(120, 10, null, null)).isEqualTo(Page.latest(120, 10));
        assertThat(Page.of(120, 10, 50L, null)).isEqualTo(Page.before(120, 50, 10));
        assertThat(Page.of(120, 10, null, 50L)).isEqualTo(Page.after(120, 50, 10));
    }

    @Test
    void bothCursorsAtOnceAreRefused() {
        assertThatThrownBy(() -> Page.of(120, 10, 5L, 1L)).isInstanceOf(IllegalArgumentException.class);
    }
}
