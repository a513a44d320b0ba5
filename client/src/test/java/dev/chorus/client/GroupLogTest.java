package dev.chorus.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupLogTest {

    static ChatMessage message(long seq) {
        return new ChatMessage("g", seq, "id-" + seq, "text", "alice", "m" + seq, "c-" + seq, null);
    }

    @Test
    void shouldDeliverInOrderMessagesAtOnce() {
        GroupLog log = new GroupLog(0);
        assertThat(log.offer(message(1))).extracting(ChatMessage::seq).containsExactly(1L);
        assertThat(log.offer(message(2))).extracting(ChatMessage::seq).containsExactly(2L);
        assertThat(log.hasGap()).isFalse();
    }

    @Test
    void shouldHoldMessagesAfterAGapUntilItCloses() {
        GroupLog log = new GroupLog(0);
        assertThat(log.offer(message(2))).isEmpty();
        assertThat(log.offer(message(3))).isEmpty();
        assertThat(log.hasGap()).isTrue();
        assertThat(log.offer(message(1))).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L);
        assertThat(log.hasGap()).isFalse();
        assertThat(log.delivered()).isEqualTo(3);
    }

    @Test
    void shouldDropDuplicatesDeliveredOrWaiting() {
        GroupLog log = new GroupLog(0);
        log.offer(message(1));
        log.offer(message(3));
        assertThat(log.offer(message(1))).isEmpty();
        assertThat(log.offer(message(3))).isEmpty();
        assertThat(log.duplicates()).isEqualTo(2);
        assertThat(log.offer(message(2))).extracting(ChatMessage::seq).containsExactly(2L, 3L);
    }

    @Test
    void shouldStartAfterWhatTheApplicationHas() {
        GroupLog log = new GroupLog(5);
        assertThat(log.offer(message(5))).isEmpty();
        assertThat(log.offer(message(6))).extracting(ChatMessage::seq).containsExactly(6L);
    }
}
