package dev.chorus.topic;

import java.time.Duration;

/**
 * The {@code transaction.timeout.ms} of a Kafka Streams job of Chorus that commits exactly once (the processor
 * and the analytics job). A transaction stays open for a whole commit interval, and Streams refuses to start
 * when the interval is longer than the timeout, which is 10 s by default under exactly-once.
 */
public final class TransactionTimeout {

    /** Kafka Streams' own {@code transaction.timeout.ms} under exactly-once. */
    public static final Duration STREAMS_DEFAULT = Duration.ofSeconds(10);

    private TransactionTimeout() {
    }

    /**
     * Streams' 10 s, or twice the commit interval when that is longer: twice, not just over it, so that a commit
     * that comes a little late is not aborted. The cost of a long timeout: a job that dies mid-transaction holds
     * back every {@code read_committed} reader of the partitions it wrote until the broker aborts that
     * transaction, unless a new instance of the same stream thread fences it first.
     */
    public static Duration forCommitInterval(Duration commitInterval) {
        Duration twice = commitInterval.multipliedBy(2);
        return twice.compareTo(STREAMS_DEFAULT) > 0 ? twice : STREAMS_DEFAULT;
    }
}
