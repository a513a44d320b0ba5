package dev.chorus.gateway.connection;

import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.Problem;

import java.util.function.Consumer;

/**
 * A part of the gateway that follows its connections (the membership index, typing): told when each one
 * opens and closes, and shown every valid request before it goes to the log. Listeners are called on the
 * connection's own thread and must not block it.
 */
public interface ConnectionListener {

    /** Called before the connection becomes routable, so nothing addressed to it can be missed. */
    default void opened(Connection connection) {
    }

    /** Called once the connection is no longer routable; may come more than once for one connection. */
    default void closed(Connection connection) {
    }

    /**
     * @param refuse answers the request with a {@code SYSTEM:ERROR} on its connection; safe from any thread
     * @return true when the request was served here and must go no further
     */
    default boolean intercept(ClientRequest request, Connection connection, Consumer<Problem> refuse) {
        return false;
    }
}
