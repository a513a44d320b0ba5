package dev.chorus.processor.topology;

import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Asks Streams to commit at once after a record that finds its stream thread idle.
 *
 * <p>Under exactly-once an answer is seen only once its transaction commits, and Streams commits on a timer:
 * between polls, once the commit interval has passed since its last check. A command that comes while the
 * thread is idle would wait for the next check, up to an interval. Asking for the commit makes Streams commit
 * right after the records it has just polled, so a lone command waits for nothing. Under load nothing is
 * asked, and the timer batches commands into one transaction per interval as before (asking after every
 * command would commit far more often than the broker keeps up with).
 *
 * <p>A record finds its thread idle when the thread has taken no record for longer than the quiet time and
 * the record itself is fresh: written no longer than the quiet time ago. The second condition keeps a busy
 * thread from counting as idle: while it commits it takes no records either, but the first record it takes
 * afterwards has been waiting for the commit (asking again after every slow commit would add commits just
 * when the broker is slowest). A record's time is its producer's clock (the gateway's), so a clock that runs
 * ahead makes records look fresher, which costs at most one extra commit per quiet time.
 *
 * <p>No punctuator is used to notice idleness: Streams marks every task that punctuates as needing a commit,
 * which would make an idle processor commit every interval. The state is per stream thread, not per task, as
 * a thread commits all its tasks in one transaction. One instance serves every processor of a topology.
 */
final class PromptCommits {

    private final long quietMs;
    private final TopologyObserver observer;
    private final ThreadLocal<long[]> lastTakenMs = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    /**
     * @param quietMs  how long a thread must have taken no record to count as idle; 0 never asks
     * @param observer told of every commit asked for
     */
    PromptCommits(long quietMs, TopologyObserver observer) {
        if (quietMs < 0) {
            throw new IllegalArgumentException("quietMs cannot be negative: " + quietMs);
        }
        this.quietMs = quietMs;
        this.observer = observer;
    }

    /** Called for every record a processor takes, with the record's timestamp: asks for a commit if idle. */
    void recordTaken(ProcessingContext context, long recordTimestampMs) {
        if (quietMs == 0) {
            return;
        }
        long now = context.currentSystemTimeMs();
        long[] last = lastTakenMs.get();
        if (findsIdle(last[0], recordTimestampMs, now, quietMs)) {
            context.commit();
            observer.commitAsked();
        }
        last[0] = now;
    }

    /**
     * True if the thread took nothing for more than {@code quietMs} (or ever) and the record was written no
     * more than {@code quietMs} ago (or, by a clock ahead of this one, after now).
     */
    static boolean findsIdle(long lastTakenMs, long recordTimestampMs, long nowMs, long quietMs) {
        boolean quiet = lastTakenMs == Long.MIN_VALUE || nowMs - lastTakenMs > quietMs;
        return quiet && nowMs - recordTimestampMs <= quietMs;
    }
}
