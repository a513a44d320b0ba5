package dev.chorus.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static dev.chorus.gateway.ratelimit.RateLimiter.Verdict.ACCEPT;
import static dev.chorus.gateway.ratelimit.RateLimiter.Verdict.CLOSE;
import static dev.chorus.gateway.ratelimit.RateLimiter.Verdict.REFUSE;
import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket and the refusal count, on a clock moved by hand. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RateLimiter limiter = new RateLimiter(new RateLimitProperties(20, 40, 20, Duration.ofSeconds(10)),
            now::get);

    @Test
    void aBurstOf40PassesAndThe41stIsRefused() {
        for (int i = 0; i < 40; i++) {
            assertThat(limiter.admit("alice", "c1")).as("frame %d", i + 1).isEqualTo(ACCEPT);
        }
        assertThat(limiter.admit("alice", "c1")).isEqualTo(REFUSE);
    }

    @Test
    void theBucketRefillsAt20ASecond() {
        drain("alice");

        advance(Duration.ofMillis(49));
        assertThat(limiter.admit("alice", "c1")).isEqualTo(REFUSE);
        advance(Duration.ofMillis(1));
        assertThat(limiter.admit("alice", "c1")).isEqualTo(ACCEPT);
        advance(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.admit("alice", "c1")).isEqualTo(ACCEPT);
        }
        assertThat(limiter.admit("alice", "c1")).isEqualTo(REFUSE);
    }

    @Test
    void allConnectionsOfAUserShareOneBucketAndOtherUsersHaveTheirOwn() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.admit("alice", "c1")).isEqualTo(ACCEPT);
            assertThat(limiter.admit("alice", "c2")).isEqualTo(ACCEPT);
        }
        assertThat(limiter.admit("alice", "c3")).isEqualTo(REFUSE);
        assertThat(limiter.admit("bob", "c4")).isEqualTo(ACCEPT);
    }

    @Test
    void aConnectionRefused20TimesWithinTheWindowIsClosedAtThe21st() {
        drain("alice");
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.admit("alice", "c1")).as("refusal %d", i + 1).isEqualTo(REFUSE);
        }
        assertThat(limiter.admit("alice", "c2")).as("another connection counts its own refusals").isEqualTo(REFUSE);
        assertThat(limiter.admit("alice", "c1")).isEqualTo(CLOSE);
    }

    @Test
    void refusalsSpreadPastTheWindowNeverClose() {
        drain("alice");
        for (int i = 0; i < 100; i++) {
            // a refusal every 600 ms: at most 17 in any 10 s window, and the bucket never refills past 12 tokens
            assertThat(limiter.admit("alice", "c1")).isNotEqualTo(CLOSE);
            advance(Duration.ofMillis(600));
            drain("alice");
        }
    }

    @Test
    void idleBucketsAreForgotten() {
        limiter.admit("alice", "c1");
        limiter.admit("bob", "c2");
        assertThat(limiter.trackedUsers()).isEqualTo(2);

        advance(Duration.ofMinutes(2));
        limiter.admit("carol", "c3");

        assertThat(limiter.trackedUsers()).isEqualTo(1);
    }

    /** Takes every token left, through a connection of its own so the refusal it ends on counts there. */
    private void drain(String user) {
        while (limiter.admit(user, "drain") == ACCEPT) {
            // taking
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
