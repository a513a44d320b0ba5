package dev.chorus.bench.check;

import dev.chorus.client.ChatMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker of the crash tests finds what it is there to find. */
class HistoryCheckerTest {

    private static ChatMessage m(long seq, String clientMessageId) {
        return new ChatMessage("g", seq, "id-" + seq, "text", "alice", "t", clientMessageId, null);
    }

    @Test
    void aCompleteHistorySeenByAllIsClean() {
        HistoryChecker checker = new HistoryChecker();
        List<ChatMessage> history = List.of(m(1, "a"), m(2, "b"));
        checker.group("g", Map.of("alice", history, "bob", history), List.of(m(1, "a"), m(2, "b")));

        assertThat(checker.verdict().line()).isEqualTo("2 messages, 0 lost, 0 duplicated, 0 out of order");
        assertThat(checker.verdict().clean()).isTrue();
    }

    @Test
    void aMissingSeqAMemberWhoMissedOneAndAStoredTwiceSendAreCounted() {
        HistoryChecker checker = new HistoryChecker();
        checker.group("g", Map.of("alice", List.of(m(1, "a"), m(3, "a")), "bob", List.of(m(1, "a"))), List.of());

        HistoryChecker.Verdict verdict = checker.verdict();
        assertThat(verdict.lost()).as("seq 2 for all, seq 2 and 3 for bob; seq 2 and 3 alice's gap")
                .isEqualTo(1 + 1 + 2);
        assertThat(verdict.duplicated()).isEqualTo(1);
        assertThat(verdict.outOfOrder()).isEqualTo(1);
        assertThat(verdict.clean()).isFalse();
    }

    @Test
    void anAcknowledgedSendMissingFromTheHistoryIsLost() {
        HistoryChecker checker = new HistoryChecker();
        checker.group("g", Map.of("alice", List.of(m(1, "a"))), List.of(m(1, "a"),
                new ChatMessage("g", 1, "other", "text", "alice", "t", "b", null)));

        assertThat(checker.verdict().lost()).isEqualTo(1);
    }
}
