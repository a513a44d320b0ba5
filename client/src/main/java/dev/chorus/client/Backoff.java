package dev.chorus.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: after a gateway dies, its clients spread their reconnects over the
 * window instead of arriving at the survivors all at once.
 */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    Backoff(Duration min, Duration max, DoubleSupplier random) {
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** The wait before attempt {@code attempt} (0 for the first retry): between min and min * 2^attempt. */
    Duration delay(int attempt) {
        long ceiling = min.toMillis() << Math.min(attempt, 20);
        long window = Math.min(max.toMillis(), ceiling);
        return Duration.ofMillis(Math.max(min.toMillis(), (long) (window * random.getAsDouble())));
    }
}
