package dev.chorus.gateway.connection;

import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import java.io.IOException;

/**
 * Where a connection's frames wait for its socket. Any thread may hand frames over; they reach the socket in
 * the order given, written by the transport's own thread, so a slow reader never holds up the sender. Past
 * the connection's byte budget, or with its socket taking nothing for longer than the send time limit, a
 * frame is refused with {@link SessionLimitExceededException} and the connection's owner closes it (1013).
 *
 * <p>Two transports keep one: {@link QueuedSession} on the servlet container, {@link NettySession} on Netty.
 */
interface Outbox {

    /**
     * Queues a frame without starting to write it, so that the frames a reader pushes in one go are written
     * together; {@link #startWriting()} must follow.
     *
     * @param whenWritten run once the frame is on the socket; not run if it never gets there; may be null
     */
    void hold(WebSocketMessage<?> message, Runnable whenWritten) throws IOException;

    /** Writes what is held, unless that is already under way or there is nothing to write. */
    void startWriting();

    /** Bytes queued for this connection and not yet on its socket. */
    int pendingBytes();

    /** {@link #hold} followed by {@link #startWriting()}. */
    default void send(WebSocketMessage<?> message, Runnable whenWritten) throws IOException {
        hold(message, whenWritten);
        startWriting();
    }
}
