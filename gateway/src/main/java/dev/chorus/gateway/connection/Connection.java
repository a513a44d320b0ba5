package dev.chorus.gateway.connection;

import dev.chorus.gateway.auth.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import java.io.IOException;
import java.time.Instant;

/**
 * One client connection on this gateway. Sends are safe from any thread and do not wait for the socket: the
 * session is an {@link Outbox}, so a slow reader costs its own bounded queue and is closed, never the
 * gateway.
 */
public final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final String id;
    private final AuthenticatedUser user;
    private final WebSocketSession session;
    /**
     * Starts at the connection's opening, which is before any ping it is sent: one it never answers leaves this
     * older than that ping. (A connection younger than a ping is not judged by it: see {@link #missedPong}.)
     */
    private volatile Instant lastPong;
    /** When the heartbeat last pinged it; null until the first. */
    private volatile Instant lastPing;

    Connection(String id, AuthenticatedUser user, WebSocketSession session, Instant openedAt) {
        this.id = id;
        this.user = user;
        this.session = session;
        this.lastPong = openedAt;
    }

    public String id() {
        return id;
    }

    public AuthenticatedUser user() {
        return user;
    }

    /** Pushes one frame; a connection that cannot take it is closed (1013 for a slow reader). */
    public void send(TextMessage frame) {
        push(frame, null);
    }

    /**
     * Pushes one frame and runs {@code whenWritten} once it is on the socket (on the connection's writer), not
     * when it is merely queued: a delivery's latency includes the time it waited behind the frames before it.
     */
    public void send(TextMessage frame, Runnable whenWritten) {
        push(frame, whenWritten);
    }

    /**
     * Queues a frame as {@link #send(TextMessage, Runnable)} does but does not start writing it: a reader pushing
     * many frames to many connections calls {@link #flush()} on each once it is done, so that each connection's
     * frames go out together, in as few socket writes as its buffer allows, and its writer is woken once.
     */
    public void hold(TextMessage frame, Runnable whenWritten) {
        if (session instanceof Outbox outbox) {
            push(() -> outbox.hold(frame, whenWritten));
        } else {
            send(frame, whenWritten);
        }
    }

    /** Starts writing the frames {@link #hold held} for this connection. */
    public void flush() {
        if (session instanceof Outbox outbox) {
            outbox.startWriting();
        }
    }

    /**
     * Pushes a frame that is worth nothing late (a typing start), unless the connection is already behind:
     * then it is dropped, so a slow reader loses these before anything that would fill its buffer and close it.
     *
     * @return whether the frame was pushed
     */
    public boolean offer(TextMessage frame) {
        if (behind()) {
            return false;
        }
        push(frame, null);
        return true;
    }

    private boolean behind() {
        if (session instanceof Outbox outbox) {
            return outbox.pendingBytes() > 0;
        }
        return session instanceof ConcurrentWebSocketSessionDecorator bounded && bounded.getBufferSize() > 0;
    }

    /** Pings it, as the heartbeat that started at {@code sentAt}. */
    void ping(Instant sentAt) {
        lastPing = sentAt;
        push(new PingMessage(), null);
    }

    void ponged(Instant at) {
        lastPong = at;
    }

    /**
     * Whether it was sent the ping of {@code pingSentAt} and has not answered it. A connection that was still
     * being set up when that ping went out, and so was not sent it, has missed nothing: it was stamped opened
     * before the ping but registered after it, which under a burst of handshakes takes long enough for a few to
     * fall in between (27 of 5,000 new connections closed on a gateway whose heartbeat came mid-ramp).
     */
    boolean missedPong(Instant pingSentAt) {
        Instant pinged = lastPing;
        return pinged != null && !pinged.isBefore(pingSentAt) && lastPong.isBefore(pingSentAt);
    }

    private void push(WebSocketMessage<?> message, Runnable whenWritten) {
        push(() -> {
            if (session instanceof Outbox outbox) {
                outbox.send(message, whenWritten);
            } else {
                session.sendMessage(message);
                if (whenWritten != null) {
                    whenWritten.run();
                }
            }
        });
    }

    @FunctionalInterface
    private interface Push {
        void run() throws IOException;
    }

    /** A connection that cannot take a frame is closed: 1013 for a slow reader, 1011 for a failed socket. */
    private void push(Push push) {
        if (!session.isOpen()) {
            return;
        }
        try {
            push.run();
        } catch (SessionLimitExceededException e) {
            log.warn("connection {} of {} is not reading fast enough ({}); closing it", id, user.userId(),
                    e.getMessage());
            close(CloseStatus.SERVICE_OVERLOAD);
        } catch (IOException e) {
            log.info("connection {} of {} failed to send ({}); closing it", id, user.userId(), e.toString());
            close(CloseStatus.SERVER_ERROR);
        }
    }

    public void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException e) {
            log.info("connection {} of {} did not close cleanly: {}", id, user.userId(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + user.userId() + "]";
    }
}
