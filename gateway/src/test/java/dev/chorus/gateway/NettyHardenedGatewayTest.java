package dev.chorus.gateway;

/** Every test of {@link HardenedGatewayTest}, through Netty's {@code /ws}. */
@OnNetty
class NettyHardenedGatewayTest extends HardenedGatewayTest {
}
