package dev.chorus.gateway.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.util.Map;
import java.util.Optional;

/**
 * Authenticates the WebSocket handshake: a request without a valid token gets a real HTTP 401 and is never
 * upgraded, so a connection exists only for a verified user.
 */
@Component
class TokenHandshakeInterceptor implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(TokenHandshakeInterceptor.class);

    private final TokenVerifier verifier;

    TokenHandshakeInterceptor(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Optional<String> token = BearerTokens.from(request.getURI(), request.getHeaders());
        if (token.isEmpty()) {
            return refuse(response, "no token", "Bearer");
        }
        try {
            TokenVerifier.Verified verified = verifier.verifyWithExpiry(token.get());
            attributes.put(AuthenticatedUser.ATTRIBUTE, verified.user());
            attributes.put(AuthenticatedUser.EXPIRES_AT_ATTRIBUTE, verified.expiresAt());
            return true;
        } catch (JwtException e) {
            return refuse(response, e.getMessage(), "Bearer error=\"invalid_token\"");
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    private static boolean refuse(ServerHttpResponse response, String reason, String challenge) {
        // Debug only: refused handshakes are routine (expired tabs) and their reasons help an attacker little.
        log.debug("handshake refused: {}", reason);
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return false;
    }
}
