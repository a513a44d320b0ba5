package dev.chorus.gateway.auth;

import dev.chorus.command.Actor;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The subject of a verified token: the only identity a connection ever acts as, whatever its frames claim.
 *
 * @param avatarUrl the token's {@code picture}, or {@code null}
 */
public record AuthenticatedUser(String userId, String displayName, String avatarUrl) {

    /** The handshake attribute under which the interceptor leaves the user for the WebSocket handler. */
    static final String ATTRIBUTE = AuthenticatedUser.class.getName();
    /** The handshake attribute under which the interceptor leaves the token's {@code exp}. */
    static final String EXPIRES_AT_ATTRIBUTE = AuthenticatedUser.class.getName() + ".expiresAt";

    public Actor actor() {
        return new Actor(userId, displayName, avatarUrl);
    }

    /** The user the handshake authenticated, from the session's attributes. */
    public static Optional<AuthenticatedUser> from(Map<String, Object> handshakeAttributes) {
        Object user = handshakeAttributes.get(ATTRIBUTE);
        return user instanceof AuthenticatedUser authenticated ? Optional.of(authenticated) : Optional.empty();
    }

    /** When the token the handshake authenticated expires, from the session's attributes. */
    public static Optional<Instant> tokenExpiry(Map<String, Object> handshakeAttributes) {
        Object expiresAt = handshakeAttributes.get(EXPIRES_AT_ATTRIBUTE);
        return expiresAt instanceof Instant instant ? Optional.of(instant) : Optional.empty();
    }
}
