package dev.chorus.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgsTest {

    @Test
    void readsMillisecondsAndNoneWhenAbsent() {
        Args args = new Args(List.of("--commit-intervals=10, 20", "--empty="));

        assertThat(args.millis("commit-intervals")).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(args.millis("empty")).isEmpty();
        assertThat(args.millis("absent")).isEmpty();
    }

    @Test
    void refusesMillisecondsThatAreNotPositiveWholeNumbers() {
        for (String bad : List.of("0", "-5", "10,x", "1.5", "10,,20")) {
            assertThatThrownBy(() -> new Args(List.of("--commit-intervals=" + bad)).millis("commit-intervals"))
                    .isInstanceOf(Args.UsageException.class)
                    .hasMessage("--commit-intervals must be comma-separated positive whole milliseconds, not " + bad);
        }
    }
}
