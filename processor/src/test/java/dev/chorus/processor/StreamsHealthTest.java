package dev.chorus.processor;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** Which states of the streams a probe reports as ready and as alive. */
class StreamsHealthTest {

    @Test
    void readyOnlyWhileRunning() {
        for (State state : State.values()) {
            assertThat(StreamsHealth.readinessOf(state).getStatus()).as("%s", state)
                    .isEqualTo(state == State.RUNNING ? Status.UP : Status.DOWN);
        }
        assertThat(StreamsHealth.readinessOf(null).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void rebalancingAndStartingAreAliveButNotReady() {
        for (State state : new State[] {State.CREATED, State.REBALANCING}) {
            assertThat(StreamsHealth.livenessOf(state, false).getStatus()).as("%s", state).isEqualTo(Status.UP);
            assertThat(StreamsHealth.readinessOf(state).getStatus()).as("%s", state).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void errorIsDeadWhetherOrNotAStopWasAsked() {
        for (State state : new State[] {State.PENDING_ERROR, State.ERROR}) {
            assertThat(StreamsHealth.livenessOf(state, false).getStatus()).as("%s", state).isEqualTo(Status.DOWN);
            assertThat(StreamsHealth.livenessOf(state, true).getStatus()).as("%s", state).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void aShutdownNobodyAskedForIsDeadAndOneTheApplicationAskedForIsNot() {
        for (State state : new State[] {State.PENDING_SHUTDOWN, State.NOT_RUNNING}) {
            assertThat(StreamsHealth.livenessOf(state, false).getStatus()).as("%s", state).isEqualTo(Status.DOWN);
            assertThat(StreamsHealth.livenessOf(state, true).getStatus()).as("%s", state).isEqualTo(Status.UP);
        }
    }

    @Test
    void theStateIsInTheDetails() {
        Health health = StreamsHealth.livenessOf(State.REBALANCING, false);

        assertThat(health.getDetails()).containsEntry("state", "REBALANCING");
        assertThat(StreamsHealth.readinessOf(null).getDetails()).containsEntry("state", "NOT_STARTED");
    }
}
