package dev.chorus.client;

/**
 * The client's side of the gateway's rate limit: a token bucket of {@code perSecond} frames a second and
 * twice that at once. A backlog (sends queued while the server was slow, or everything unacknowledged
 * after a reconnect) then leaves at a pace the gateway accepts, instead of in one burst that earns
 * {@code RATE_LIMITED} refusals and, past enough of them, a closed connection and the same burst again.
 * Not thread-safe: the client's loop owns it.
 */
final class SendBudget {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    SendBudget(double perSecond, long nowNanos) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("sends per second must be positive");
        }
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, 2 * perSecond);
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Whether a frame that can wait (a message from the outbox) may go now. */
    boolean allows(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1;
    }

    /** A frame went out. Ones that cannot wait (catch-up, joins) go even in debt, which later sends repay. */
    void spend(long nowNanos) {
        refill(nowNanos);
        tokens = Math.max(tokens - 1, -burst);
    }

    /** The gateway said {@code RATE_LIMITED}: its bucket is empty, so start this one from empty too. */
    void exhaust(long nowNanos) {
        refill(nowNanos);
        tokens = Math.min(tokens, 0);
    }

    private void refill(long nowNanos) {
        tokens = Math.min(burst, tokens + Math.max(0, nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
    }
}
