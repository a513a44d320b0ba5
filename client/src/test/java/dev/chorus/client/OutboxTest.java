package dev.chorus.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {

    private static final long RESEND = 1_000;

    private static ChatMessage echo(String clientMessageId, String sender) {
        return new ChatMessage("g", 1, "id", "text", sender, "hi", clientMessageId, null);
    }

    @Test
    void shouldSendNewSendsInOrderOnce() {
        Outbox outbox = new Outbox();
        outbox.add("a", "A");
        outbox.add("b", "B");
        assertThat(outbox.due(0, RESEND)).extracting(p -> p.frame).containsExactly("A", "B");
        outbox.due(0, RESEND).forEach(p -> outbox.sent(p, 0));
        assertThat(outbox.due(RESEND - 1, RESEND)).isEmpty();
    }

    @Test
    void shouldResendWhatWaitedTooLongWithTheSameFrame() {
        Outbox outbox = new Outbox();
        outbox.sent(outbox.add("a", "A"), 0);
        assertThat(outbox.due(RESEND, RESEND)).extracting(p -> p.clientMessageId).containsExactly("a");
    }

    @Test
    void shouldWaitTwiceAsLongAfterEachResendUpToALimit() {
        Outbox outbox = new Outbox();
        var send = outbox.add("a", "A");
        long at = 0;
        outbox.sent(send, at);
        for (int doublings = 0; doublings <= Outbox.MAX_DOUBLINGS + 1; doublings++) {
            long wait = RESEND << Math.min(doublings, Outbox.MAX_DOUBLINGS);
            assertThat(outbox.due(at + wait - 1, RESEND)).isEmpty();
            assertThat(outbox.due(at + wait, RESEND)).containsExactly(send);
            at += wait;
            outbox.sent(send, at);
        }
    }

    @Test
    void shouldResendEverythingOnANewConnection() {
        Outbox outbox = new Outbox();
        outbox.sent(outbox.add("a", "A"), 0);
        outbox.connectionLost();
        assertThat(outbox.due(1, RESEND)).extracting(p -> p.frame).containsExactly("A");
    }

    @Test
    void shouldCompleteASendWhenItsOwnMessageComesBack() {
        Outbox outbox = new Outbox();
        var send = outbox.add("a", "A");
        outbox.acknowledge(echo("a", "bob"), "alice");
        assertThat(send.result).isNotDone();
        outbox.acknowledge(echo("a", "alice"), "alice");
        assertThat(send.result).isCompleted();
        assertThat(outbox.size()).isZero();
    }

    @Test
    void shouldFailARejectedSendAndRetryAnUnavailableOne() {
        Outbox outbox = new Outbox();
        var rejected = outbox.add("a", "A");
        outbox.sent(outbox.add("b", "B"), 0);
        outbox.reject("a", new IllegalStateException("NOT_MEMBER"));
        assertThat(rejected.result).isCompletedExceptionally();
        outbox.retry("b");
        assertThat(outbox.due(1, RESEND)).extracting(p -> p.clientMessageId).containsExactly("b");
    }
}
