package dev.chorus.gateway;

/** Every test of {@link ConnectionIntegrationTest}, through Netty's {@code /ws}. */
@OnNetty
class NettyConnectionIntegrationTest extends ConnectionIntegrationTest {
}
