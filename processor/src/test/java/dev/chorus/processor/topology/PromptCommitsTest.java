package dev.chorus.processor.topology;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptCommitsTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final PromptCommits prompt = new PromptCommits(10, new TopologyObserver() {
        @Override
        public void commitAsked() {
            asked.incrementAndGet();
        }
    });
    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();

    @Test
    void aRecordFindsTheThreadIdleAfterAQuietSpellIfItIsFreshItself() {
        assertThat(PromptCommits.findsIdle(Long.MIN_VALUE, 995, 1_000, 10)).as("nothing taken yet").isTrue();
        assertThat(PromptCommits.findsIdle(980, 995, 1_000, 10)).isTrue();
        assertThat(PromptCommits.findsIdle(990, 995, 1_000, 10)).as("10 ms is not quiet").isFalse();
        assertThat(PromptCommits.findsIdle(980, 990, 1_000, 10)).as("written 10 ms ago: fresh").isTrue();
        assertThat(PromptCommits.findsIdle(980, 989, 1_000, 10)).as("waited behind something").isFalse();
        assertThat(PromptCommits.findsIdle(980, 1_003, 1_000, 10)).as("by a clock ahead of ours").isTrue();
    }

    @Test
    void asksForACommitAfterTheFirstRecordOfAnIdleThreadOnly() {
        assertThat(takenAt(1_000, 998)).as("the thread's first record").isTrue();
        assertThat(takenAt(1_004, 1_002)).isFalse();
        assertThat(takenAt(1_012, 1_010)).as("8 ms after the last: still a burst").isFalse();
        assertThat(takenAt(1_040, 1_038)).as("28 ms of quiet").isTrue();
        assertThat(takenAt(1_041, 1_039)).isFalse();
        assertThat(asked).as("the metrics are told of each").hasValue(2);
    }

    @Test
    void aBusyThreadsGapIsNotIdleWhenItsNextRecordHasBeenWaiting() {
        takenAt(1_000, 998);

        // 50 ms without a record while the thread committed; the next one was written 40 ms ago
        assertThat(takenAt(1_050, 1_010)).isFalse();
    }

    @Test
    void keepsEachStreamThreadsQuietApart() throws Exception {
        takenAt(1_000, 998);

        // another stream thread's first record finds that thread idle; this one is still busy
        MockProcessorContext<String, Object> other = new MockProcessorContext<>();
        other.setCurrentSystemTimeMs(1_004);
        CompletableFuture.runAsync(() -> prompt.recordTaken(other, 1_003)).get();
        assertThat(other.committed()).isTrue();

        assertThat(takenAt(1_005, 1_004)).isFalse();
    }

    @Test
    void neverAsksWhenTurnedOff() {
        context.setCurrentSystemTimeMs(1_000);
        new PromptCommits(0, TopologyObserver.NONE).recordTaken(context, 999);
        assertThat(context.committed()).isFalse();
        assertThatThrownBy(() -> new PromptCommits(-1, TopologyObserver.NONE)).isInstanceOf(IllegalArgumentException.class);
    }

    private boolean takenAt(long nowMs, long writtenMs) {
        context.resetCommit();
        context.setCurrentSystemTimeMs(nowMs);
        prompt.recordTaken(context, writtenMs);
        return context.committed();
    }
}
