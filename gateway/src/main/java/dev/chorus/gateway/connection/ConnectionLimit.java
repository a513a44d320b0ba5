package dev.chorus.gateway.connection;

import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.auth.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.util.Map;

/**
 * Refuses the handshake of a user who already holds {@code max-connections-per-user} connections here with
 * HTTP 429, before any upgrade, so one token cannot hold thousands of sockets. Runs after authentication.
 * Two handshakes of one user racing each other may both pass: the limit is a bound on abuse, not an exact count.
 */
class ConnectionLimit implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);

    private final ConnectionRegistry registry;
    private final int maxPerUser;

    ConnectionLimit(ConnectionRegistry registry, GatewayProperties properties) {
        this.registry = registry;
        this.maxPerUser = properties.limits().maxConnectionsPerUser();
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        AuthenticatedUser user = AuthenticatedUser.from(attributes).orElseThrow(() ->
                new IllegalStateException("the connection limit runs after authentication"));
        if (registry.ofUser(user.userId()).size() >= maxPerUser) {
            log.info("{} already holds {} connections; handshake refused", user.userId(), maxPerUser);
            response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            return false;
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
