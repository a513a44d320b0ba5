package dev.chorus.processor;

import dev.chorus.topic.TransactionTimeout;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The processor's own settings, {@code chorus.processor.*}.
 *
 * @param applicationId      the Kafka Streams application id: consumer group and prefix of internal topics
 * @param stateDir           where the state stores live; defaults to {@code chorus-streams} in the
 *                           temporary directory, fine for trying out, not for keeping state across reboots
 * @param commitInterval     how often the exactly-once transaction commits: under load an answer waits half
 *                           of it on average (a command that finds the processor idle is committed at once,
 *                           and a poll lasts no longer than it). 10 ms kept up with 2,000 commands a second
 *                           on the benchmark's 2 cores in most full runs (the others on a slower box; every
 *                           run is in docs/PERFORMANCE.md, "The targets"); 2 or 5 ms, though quicker at
 *                           1,000, fell behind at 2,000, and 20 ms adds 5 ms to the median for about a
 *                           tenth less CPU. Past 5 s it raises the transaction timeout
 *                           ({@link #transactionTimeout()})
 * @param numStandbyReplicas warm copies of each store on other instances, for faster fail-over. One by
 *                           default: Streams never puts a standby on the instance that owns the task, so
 *                           a lone instance pays nothing, and a second one takes over a dead one's
 *                           partitions without replaying their changelogs from the start
 * @param maxTextChars       longest text or caption accepted, in code points
 * @param closeTimeout       how long shutting down waits for the streams to close cleanly
 * @param sessionTimeout     how long a crashed instance keeps its partitions before the others take them:
 *                           the longest a crash stalls a group's commands
 * @param maxThreadReplacements stream threads that may die (and be replaced) before the processor gives up
 *                           and stops its streams, which then say ERROR in the log and to readiness checks
 * @param processingGuarantee {@code exactly_once_v2} (the default, and the only one that keeps seq gap-free
 *                           through a crash) or {@code at_least_once} (for measuring what exactly-once
 *                           costs; see docs/BENCHMARKS.md)
 * @param producerLinger     how long the processor's producer waits to fill a batch; Streams' own default
 *                           is 100 ms, which under at-least-once would be the latency of every answer
 * @param streamThreads      stream threads per instance: under exactly-once each commits its own
 *                           transaction, so a second thread keeps processing while the first waits on its
 *                           commit (docs/BENCHMARKS.md)
 * @param groupCacheMembers  how many group states each task keeps decoded in memory, counted in members
 *                           (about 200 bytes each): a message to a cached group does not decode the member
 *                           list again. 50,000 is about 10 MB per task; 0 turns it off
 */
@ConfigurationProperties("chorus.processor")
record ProcessorProperties(
        @DefaultValue("chorus-processor") String applicationId,
        String stateDir,
        @DefaultValue("10ms") Duration commitInterval,
        @DefaultValue("1") int numStandbyReplicas,
        @DefaultValue("4000") int maxTextChars,
        @DefaultValue("30s") Duration closeTimeout,
        @DefaultValue("10s") Duration sessionTimeout,
        @DefaultValue("3") int maxThreadReplacements,
        @DefaultValue("exactly_once_v2") String processingGuarantee,
        @DefaultValue("5ms") Duration producerLinger,
        @DefaultValue("1") int streamThreads,
        @DefaultValue("50000") long groupCacheMembers) {

    static final String EXACTLY_ONCE = "exactly_once_v2";
    static final String AT_LEAST_ONCE = "at_least_once";
    /** Kafka Streams' default {@code poll.ms}. */
    static final long STREAMS_POLL_MS = 100;

    ProcessorProperties {
        if (streamThreads < 1) {
            throw new IllegalArgumentException("chorus.processor.stream-threads must be at least 1");
        }
        if (groupCacheMembers < 0) {
            throw new IllegalArgumentException("chorus.processor.group-cache-members cannot be negative");
        }
        if (!EXACTLY_ONCE.equals(processingGuarantee) && !AT_LEAST_ONCE.equals(processingGuarantee)) {
            throw new IllegalArgumentException("chorus.processor.processing-guarantee must be " + EXACTLY_ONCE
                    + " or " + AT_LEAST_ONCE + ", not " + processingGuarantee);
        }
        if (stateDir == null || stateDir.isBlank()) {
            // computed rather than an @DefaultValue, which takes no placeholders
            stateDir = Path.of(System.getProperty("java.io.tmpdir"), "chorus-streams").toString();
        }
    }

    /**
     * How long a stream thread must have taken no record for a fresh one to be committed at once
     * (PromptCommits): the commit interval under exactly-once, where an answer is seen only once committed;
     * never (0) under at-least-once, where a commit makes nothing visible.
     */
    long promptCommitMs() {
        return EXACTLY_ONCE.equals(processingGuarantee) ? commitInterval.toMillis() : 0;
    }

    /**
     * How long a stream thread's poll waits for records ({@code poll.ms}). Streams commits only between polls,
     * so under exactly-once a command taken just after a commit waits for the next poll to end: polling no
     * longer than the commit interval bounds that wait by it. Streams' own 100 ms otherwise, and at most.
     */
    long pollMs() {
        return promptCommitMs() > 0 ? Math.min(promptCommitMs(), STREAMS_POLL_MS) : STREAMS_POLL_MS;
    }

    /** The producer's {@code transaction.timeout.ms}: Streams' 10 s, or twice a longer commit interval. */
    Duration transactionTimeout() {
        return TransactionTimeout.forCommitInterval(commitInterval);
    }
}
