package dev.chorus.gateway.connection;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The connections open on this gateway, by connection id and by user (a user may hold several). */
@Component
public final class ConnectionRegistry {

    private final Map<String, Connection> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();

    void add(Connection connection) {
        byId.put(connection.id(), connection);
        byUser.compute(connection.user().userId(), (userId, connections) -> {
            Set<Connection> set = connections == null ? ConcurrentHashMap.newKeySet() : connections;
            set.add(connection);
            return set;
        });
    }

    void remove(Connection connection) {
        byId.remove(connection.id());
        // Inside compute, so that a connection added concurrently is never lost with an emptied set.
        byUser.computeIfPresent(connection.user().userId(), (userId, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    public Optional<Connection> byId(String connectionId) {
        return Optional.ofNullable(byId.get(connectionId));
    }

    public Collection<Connection> ofUser(String userId) {
        Set<Connection> connections = byUser.get(userId);
        return connections == null ? List.of() : List.copyOf(connections);
    }

    /** How many connections are open here. */
    public int size() {
        return byId.size();
    }

    public Collection<Connection> all() {
        return List.copyOf(byId.values());
    }
}
