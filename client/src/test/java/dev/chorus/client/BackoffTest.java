package dev.chorus.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void shouldGrowTheWindowUpToTheMaximum() {
        Backoff atTop = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.999999);
        assertThat(atTop.delay(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(atTop.delay(3)).isEqualTo(Duration.ofMillis(799));
        assertThat(atTop.delay(30)).isEqualTo(Duration.ofMillis(4999));
    }

    @Test
    void shouldNeverWaitLessThanTheMinimum() {
        Backoff atBottom = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.0);
        assertThat(atBottom.delay(10)).isEqualTo(Duration.ofMillis(100));
    }
}
