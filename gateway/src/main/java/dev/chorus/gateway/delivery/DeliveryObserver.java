package dev.chorus.gateway.delivery;

import dev.chorus.delivery.Delivery;

/**
 * Sees every delivery this gateway reads, whatever its audience, just before it is routed: the membership
 * index learns of joins and leaves from it before the members' connections do.
 */
public interface DeliveryObserver {

    /** Called on the deliveries reader's thread; must be quick and must not block. */
    void observe(Delivery delivery);
}
