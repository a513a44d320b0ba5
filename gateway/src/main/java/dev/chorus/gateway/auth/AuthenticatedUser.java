package dev.chorus.gateway.auth;

import dev.chorus.command.Actor;

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

    public Actor actor() {
        return new Actor(userId, displayName, avatarUrl);
    }

    /** The user the handshake authenticated, from the session's attributes. */
    public static Optional<AuthenticatedUser> from(Map<String, Object> handshakeAttributes) {
        Object user = handshakeAttributes.get(ATTRIBUTE);
        return user instanceof AuthenticatedUser authenticated ? Optional.of(authenticated) : Optional.empty();
    }
}
