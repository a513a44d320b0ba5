package dev.chorus.gateway.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code chorus.gateway.netty.*}: off unless a port is given, and refused when it makes no sense. */
class NettyPropertiesTest {

    @Test
    void offWithoutAPortAndOnWithOneEvenZero() {
        assertThat(new NettyProperties(null, null, 0, 16).enabled()).isFalse();
        assertThat(new NettyProperties(0, null, 0, 16).enabled()).as("0 picks a free port").isTrue();
        assertThat(new NettyProperties(9080, "  ", 0, 16).address()).as("blank is every interface").isNull();
    }

    @Test
    void ioThreadsDefaultToOnePerCore() {
        assertThat(new NettyProperties(9080, null, 0, 16).ioThreadCount())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(new NettyProperties(9080, null, 3, 16).ioThreadCount()).isEqualTo(3);
    }

    @Test
    void nonsenseIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new NettyProperties(70_000, null, 0, 16))
                .hasMessageContaining("chorus.gateway.netty.port");
        assertThatThrownBy(() -> new NettyProperties(9080, null, -1, 16))
                .hasMessageContaining("chorus.gateway.netty.io-threads");
        assertThatThrownBy(() -> new NettyProperties(9080, null, 0, 0))
                .hasMessageContaining("chorus.gateway.netty.handler-threads");
    }
}
