package dev.chorus.gateway.connection;

import dev.chorus.gateway.auth.AuthenticatedUser;
import org.springframework.web.socket.WebSocketSession;

import java.time.Instant;
import java.util.concurrent.Executor;

/** Connections for tests of other packages, which cannot reach the package-private constructor. */
public final class TestConnections {

    private TestConnections() {
    }

    public static Connection connection(String id, String userId, WebSocketSession session) {
        return new Connection(id, new AuthenticatedUser(userId, userId, null), session, Instant.now());
    }

    public static Connection connection(String id, AuthenticatedUser user, WebSocketSession session) {
        return new Connection(id, user, session, Instant.now());
    }

    /** A connection whose frames are queued and written by {@code writers}, as the gateway's are. */
    public static Connection queued(String id, String userId, WebSocketSession socket, Executor writers) {
        return connection(id, userId, new QueuedSession(socket, writers, 10_000, 1 << 20));
    }

    public static void register(ConnectionRegistry registry, Connection connection) {
        registry.add(connection);
    }

    public static void unregister(ConnectionRegistry registry, Connection connection) {
        registry.remove(connection);
    }
}
