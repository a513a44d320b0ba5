package dev.chorus.gateway;

/** Every test of {@link CommandIntegrationTest}, through Netty's {@code /ws}. */
@OnNetty
class NettyCommandIntegrationTest extends CommandIntegrationTest {
}
