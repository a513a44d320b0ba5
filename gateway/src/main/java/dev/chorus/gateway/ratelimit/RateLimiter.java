package dev.chorus.gateway.ratelimit;

import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.connection.ConnectionListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The per-user rate limit: one token bucket per user, shared by all of the user's connections to this gateway,
 * taken from by every frame they send (valid or not: a flood of garbage costs as much as one of requests).
 * A connection that keeps sending while refused is told to go ({@link Verdict#CLOSE}).
 */
@Component
public final class RateLimiter implements ConnectionListener {

    /** What to do with one frame. */
    public enum Verdict {
        /** Within the limit: serve it. */
        ACCEPT,
        /** Past the limit: answer {@code RATE_LIMITED}, serve nothing. */
        REFUSE,
        /** Past the limit again and again: close the connection with 1008. */
        CLOSE
    }

    /** How often idle buckets are forgotten; only bounds memory, so any few seconds past a refill will do. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final RateLimitProperties limits;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Refusals> refusals = new ConcurrentHashMap<>();
    private volatile long nextSweep;

    @Autowired
    RateLimiter(RateLimitProperties limits) {
        this(limits, System::nanoTime);
    }

    RateLimiter(RateLimitProperties limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.nextSweep = nanoTime.getAsLong() + SWEEP_INTERVAL.toNanos();
    }

    /** Takes one frame of {@code userId}'s, sent on {@code connectionId}. */
    public Verdict admit(String userId, String connectionId) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        TokenBucket bucket = buckets.computeIfAbsent(userId,
                user -> new TokenBucket(limits.burst(), limits.eventsPerSecond(), now));
        boolean taken;
        // The user's connections send on their own threads; they take from the one bucket in turn.
        synchronized (bucket) {
            taken = bucket.tryTake(now);
        }
        if (taken) {
            return Verdict.ACCEPT;
        }
        int inWindow = refusals.computeIfAbsent(connectionId, id -> new Refusals()).count(now,
                limits.refusalWindow().toNanos());
        return inWindow > limits.maxRefusals() ? Verdict.CLOSE : Verdict.REFUSE;
    }

    @Override
    public void closed(Connection connection) {
        refusals.remove(connection.id());
    }

    /** Full buckets are dropped, so the map holds only users who sent something in the last seconds. */
    private void sweepIfDue(long now) {
        if (now - nextSweep < 0) {
            return;
        }
        nextSweep = now + SWEEP_INTERVAL.toNanos();
        buckets.forEach((user, bucket) -> {
            synchronized (bucket) {
                if (bucket.isFull(now)) {
                    buckets.remove(user, bucket);
                }
            }
        });
    }

    int trackedUsers() {
        return buckets.size();
    }

    /** Refusals of one connection in the current window, which opens at the first refusal after the last. */
    private static final class Refusals {
        private long windowStart;
        private int count;

        synchronized int count(long now, long window) {
            if (count == 0 || now - windowStart > window) {
                windowStart = now;
                count = 0;
            }
            return ++count;
        }
    }
}
