package dev.chorus.gateway.typing;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypingPropertiesTest {

    private static TypingProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("chorus.gateway.typing", TypingProperties.class);
    }

    @Test
    void defaultsAreTheProtocolsSixSeconds() {
        TypingProperties typing = bind(Map.of());

        assertThat(typing.timeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(typing.membershipWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(typing.pollTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void everyTimingCanBeSet() {
        TypingProperties typing = bind(Map.of("chorus.gateway.typing.timeout", "3s",
                "chorus.gateway.typing.membership-wait", "2s", "chorus.gateway.typing.poll-timeout", "50ms"));

        assertThat(typing).isEqualTo(new TypingProperties(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofMillis(50)));
    }

    @Test
    void aTimingThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("chorus.gateway.typing.timeout", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("chorus.gateway.typing.timeout");
    }
}
