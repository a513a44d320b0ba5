package dev.chorus.gateway;

/** Every test of {@link DeliveryIntegrationTest}, through Netty's {@code /ws}. */
@OnNetty
class NettyDeliveryIntegrationTest extends DeliveryIntegrationTest {
}
