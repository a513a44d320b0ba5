package dev.chorus.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One step of an open-model load: messages are scheduled at a constant rate whatever happens to earlier
 * ones, sent round-robin by every user, and each delivery's latency is taken from the message's
 * <em>scheduled</em> send time, so a stall shows in full rather than slowing the generator down (no
 * coordinated omission). Every text names its message, so each member's deliveries are checked off one by
 * one: what is missing after the drain is lost, what comes twice is a duplicate.
 */
public final class LoadRun {

    /** What a step found. Latencies in microseconds, over the messages scheduled after the warm-up. */
    public record Result(String target, int groups, int members, int rate, long sent, long expected,
                         long delivered, long lost, long duplicated, Histogram latency,
                         List<Long> outstandingPerSecond, List<Long> p99PerSecondMicros,
                         Map<String, Double> cpuMsPerThousand) {

        public long deliveriesPerSecond(Duration measured) {
            return Math.round(delivered / (double) measured.toSeconds());
        }

        /** Deliveries owed but not made, over the last seconds of sending: rising means the system falls behind. */
        public boolean lagGrows() {
            int n = outstandingPerSecond.size();
            if (n < 6) {
                return false;
            }
            long early = outstandingPerSecond.get(n / 3);
            long late = outstandingPerSecond.get(n - 1);
            return late > 2 * Math.max(early, (long) rate * members / 2);
        }

        public double p(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }

        public double max() {
            return latency.getMaxValue() / 1000.0;
        }
    }

    private final ChatTarget target;
    private final int groups;
    private final int members;
    private final CpuMeter cpu;

    /** The target must be connected with {@code groups * members} users already. */
    public LoadRun(ChatTarget target, int groups, int members) {
        this(target, groups, members, new CpuMeter());
    }

    /** @param cpu whose CPU per delivery to report, over the measured part of each step */
    public LoadRun(ChatTarget target, int groups, int members, CpuMeter cpu) {
        this.target = target;
        this.groups = groups;
        this.members = members;
        this.cpu = cpu;
    }

    private Tracker tracker;
    /** Numbers the steps, so that a late delivery of an earlier step is never counted in a later one. */
    private final java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();

    /** The listener to connect the target with: it checks off deliveries for whichever step is running. */
    public ChatTarget.Delivery listener() {
        return (group, member, text, receivedNanos) -> {
            Tracker current = tracker;
            if (current != null) {
                current.delivered(group * members + member, text, receivedNanos);
            }
        };
    }

    /**
     * Sends at {@code rate} messages/s for {@code warmUp} + {@code measure}, then waits up to {@code drain}
     * for the last deliveries.
     */
    public Result run(int rate, Duration warmUp, Duration measure, Duration drain, int textBytes)
            throws InterruptedException {
        return run(rate, warmUp, measure, drain, Duration.ZERO, textBytes);
    }

    /** As above; then waits up to {@code settle} more (not counted) for the rest of the step's deliveries. */
    public Result run(int rate, Duration warmUp, Duration measure, Duration drain, Duration settle, int textBytes)
            throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (warmUp.toNanos() + measure.toNanos()) / interval;
        long warmUpCount = warmUp.toNanos() / interval;
        int users = groups * members;
        Tracker run = new Tracker(users, (int) total, warmUpCount, textBytes, steps.incrementAndGet());
        tracker = run;
        List<Long> outstanding = new ArrayList<>();
        List<Long> p99s = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long nextSample = start + TimeUnit.SECONDS.toNanos(1);
        Histogram interval99 = null;
        CpuMeter.Reading measureStarted = null;
        for (long k = 0; k < total; k++) {
            long scheduled = start + k * interval;
            long now = parkUntil(scheduled);
            if (k == warmUpCount) {
                measureStarted = cpu.read();
            }
            if (now >= nextSample) {
                outstanding.add(run.outstanding());
                interval99 = run.recorder.getIntervalHistogram(interval99);
                p99s.add(interval99.getValueAtPercentile(99));
                run.total.add(interval99);
                nextSample += TimeUnit.SECONDS.toNanos(1);
            }
            int sender = (int) (k % users);
            run.scheduledAt[(int) k] = scheduled;
            run.sent.incrementAndGet();
            target.send(sender / members, sender % members, run.text(k, sender));
        }
        // per delivery owed at the offered rate: a step that kept up made them all in that time
        Map<String, Double> cpuPerThousand = measureStarted == null ? Map.of()
                : cpu.read().perThousandSince(measureStarted, (double) rate * members);
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (run.outstanding() > 0 && System.nanoTime() < drainUntil) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        run.total.add(run.recorder.getIntervalHistogram());
        long expected = run.sent.get() * members;
        long delivered = run.delivered.get();
        long duplicated = run.duplicated.get();
        // What is still owed is lost for this step; let it arrive (unrecorded) so that the next step starts
        // on an idle system rather than behind this one's backlog.
        long settleUntil = System.nanoTime() + settle.toNanos();
        while (run.outstanding() > 0 && System.nanoTime() < settleUntil) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        tracker = null;
        return new Result(target.name(), groups, members, rate, run.sent.get(), expected, delivered,
                expected - delivered, duplicated, run.total, outstanding, p99s, cpuPerThousand);
    }

    /**
     * Waits for a scheduled send time (an open model never waits for anything else); returns the time it
     * woke, which may be later, never earlier.
     */
    static long parkUntil(long scheduledNanos) {
        long now;
        while ((now = System.nanoTime()) < scheduledNanos) {
            LockSupport.parkNanos(scheduledNanos - now);
        }
        return now;
    }

    /** The deliveries of one step. */
    private final class Tracker {
        final long[] scheduledAt;
        final BitSet[] got;
        final long warmUpCount;
        final String padding;
        final Recorder recorder = new Recorder(TimeUnit.MINUTES.toMicros(5), 3);
        final Histogram total = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong duplicated = new AtomicLong();

        final String step;

        Tracker(int users, int messages, long warmUpCount, int textBytes, int step) {
            this.step = step + ":";
            this.scheduledAt = new long[messages];
            this.got = new BitSet[users];
            for (int u = 0; u < users; u++) {
                got[u] = new BitSet(messages);
            }
            this.warmUpCount = warmUpCount;
            this.padding = "x".repeat(Math.max(0, textBytes - 16));
        }

        /** {@code "<step>:<message> <sender>|<padding>"}: the step and message numbers are all a receiver needs. */
        String text(long k, int sender) {
            return step + k + " " + sender + "|" + padding;
        }

        long outstanding() {
            return sent.get() * members - delivered.get();
        }

        void delivered(int user, String text, long receivedNanos) {
            int space = text.indexOf(' ');
            if (space < 0 || !text.startsWith(step)) {
                return; // not this step's
            }
            int k;
            try {
                k = Integer.parseInt(text, step.length(), space, 10);
            } catch (NumberFormatException e) {
                return;
            }
            if (k < 0 || k >= scheduledAt.length) {
                return;
            }
            BitSet mine = got[user];
            boolean again;
            synchronized (mine) {
                again = mine.get(k);
                mine.set(k);
            }
            if (again) {
                duplicated.incrementAndGet();
                return;
            }
            delivered.incrementAndGet();
            if (k >= warmUpCount) {
                long micros = Math.max(0, (receivedNanos - scheduledAt[k]) / 1000);
                recorder.recordValue(Math.min(micros, TimeUnit.MINUTES.toMicros(5)));
            }
        }
    }
}
