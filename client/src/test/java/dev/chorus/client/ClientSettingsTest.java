package dev.chorus.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSettingsTest {

    private final ClientSettings defaults = ClientSettings.of(List.of(URI.create("ws://127.0.0.1:8080/ws")),
            () -> "token");

    @Test
    void shouldPaceBelowTheGatewaysDefaultLimitOfTwentyFramesASecond() {
        assertThat(defaults.sendsPerSecond()).isEqualTo(15);
    }

    @Test
    void shouldChangeOnlyThePaceWhenGivenAnother() {
        ClientSettings faster = defaults.withSendsPerSecond(75);

        assertThat(faster.sendsPerSecond()).isEqualTo(75);
        assertThat(faster.withSendsPerSecond(defaults.sendsPerSecond())).isEqualTo(defaults);
    }

    @Test
    void shouldRefuseAPaceThatIsNotPositive() {
        assertThatThrownBy(() -> defaults.withSendsPerSecond(0)).hasMessage("sendsPerSecond must be positive");
        assertThatThrownBy(() -> defaults.withSendsPerSecond(-1)).hasMessage("sendsPerSecond must be positive");
        assertThatThrownBy(() -> defaults.withSendsPerSecond(Double.NaN))
                .hasMessage("sendsPerSecond must be positive");
    }

    @Test
    void shouldRefuseSettingsWithoutAGateway() {
        assertThatThrownBy(() -> ClientSettings.of(List.of(), () -> "token"))
                .hasMessage("at least one gateway is needed");
    }
}
