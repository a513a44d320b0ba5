package dev.chorus.topic;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionTimeoutTest {

    @Test
    void staysAtStreamsOwnTenSecondsUpToAFiveSecondInterval() {
        assertThat(TransactionTimeout.forCommitInterval(Duration.ofMillis(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(TransactionTimeout.forCommitInterval(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void isTwiceALongerIntervalSoThatALateCommitIsNotAborted() {
        assertThat(TransactionTimeout.forCommitInterval(Duration.ofMillis(5_001))).isEqualTo(Duration.ofMillis(10_002));
        assertThat(TransactionTimeout.forCommitInterval(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(2));
    }
}
