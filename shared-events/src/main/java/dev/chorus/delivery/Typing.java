package dev.chorus.delivery;

import java.time.Instant;

/**
 * A typing signal on {@code chorus.ephemeral}, written and read by gateways and never stored by the
 * processor. {@code active} is false when typing stops.
 */
public record Typing(String groupId, String userId, String displayName, boolean active, String gatewayId,
                     Instant at) {
}
