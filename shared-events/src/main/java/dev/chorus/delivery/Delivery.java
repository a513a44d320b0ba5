package dev.chorus.delivery;

import dev.chorus.protocol.Envelope;

/** What gateways must push, as written to {@code chorus.deliveries}: a frame and who it is for. */
public record Delivery(Audience audience, Envelope frame) {
}
