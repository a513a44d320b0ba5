package dev.chorus.gateway.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Optional;

/**
 * Authenticates a plain HTTP request (a media upload) exactly as the WebSocket handshake is authenticated:
 * the same token, in the same places, checked by the same verifier.
 */
@Component
public final class RequestAuthenticator {

    /** The challenge of a 401, as RFC 6750 words it. */
    public static final String CHALLENGE = "Bearer";

    private static final Logger log = LoggerFactory.getLogger(RequestAuthenticator.class);

    private final TokenVerifier verifier;

    RequestAuthenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The token's subject, or empty when the request carries no valid token (missing, bad, expired). */
    public Optional<AuthenticatedUser> authenticate(URI uri, HttpHeaders headers) {
        Optional<String> token = BearerTokens.from(uri, headers);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(verifier.verify(token.get()));
        } catch (JwtException e) {
            // Debug only, as for handshakes: expired tokens are routine.
            log.debug("request refused: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
