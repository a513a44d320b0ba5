package dev.chorus.gateway.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A session whose writes never run on the caller's thread. Spring's {@link ConcurrentWebSocketSessionDecorator}
 * bounds the buffer but blocks the first caller while the socket is full, and that caller is the deliveries
 * reader or the typing thread: one client that stops reading would stall every connection on the gateway.
 * Here every frame is queued and one writer task per connection (on a shared pool) drains the queue in order;
 * past the byte budget, or with a write stuck past the time limit, the next send fails with
 * {@link SessionLimitExceededException} so the connection is closed with 1013 by its owner.
 *
 * <p>Each frame is its own socket write. The container's batching ({@code RemoteEndpoint.setBatchingAllowed})
 * took about a sixth off a gateway's CPU at high fan-out, but Tomcat answers a client's close, and closes on a
 * protocol error, from its reading thread, and when that met a batch the close frame landed inside the
 * batched frames and the client read garbage (docs/PERFORMANCE.md); it is not used.
 *
 * <p>It extends the decorator only so that code asking {@code getBufferSize()} (dropping typing frames first)
 * reads this queue; none of the decorator's own sending is used.
 */
final class QueuedSession extends ConcurrentWebSocketSessionDecorator implements Outbox {

    private static final Logger log = LoggerFactory.getLogger(QueuedSession.class);
    /** Tomcat's session property: how long a close with a code other than 1000 may take to send (default 50 ms). */
    private static final String TOMCAT_ABNORMAL_CLOSE_SEND_TIMEOUT =
            "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";
    /** Past Tomcat's 50 ms step-aside and a normal write; a client that stopped reading holds a thread that long. */
    private static final long CLOSE_FRAME_MILLIS = 1_000;
    /** An overloaded connection's socket takes nothing: its close frame is not waited for. */
    private static final long ABANDONED_CLOSE_FRAME_MILLIS = 1;

    private final Executor writers;
    private final Consumer<TextMessage> written;
    private final int bufferLimit;
    private final long sendTimeLimitNanos;
    /** Frames, and at most one close, in the order they must reach the socket. */
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingBytes = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** When the write in progress began, or 0 when none is. */
    private volatile long writeStartedNanos;
    private volatile boolean closing;

    /**
     * A frame to write, or (frame null) the close that follows every frame queued before it.
     *
     * @param size        what the frame adds to the byte budget, asked once (a string frame encodes its whole
     *                    text to answer)
     * @param whenWritten run once the frame is on the socket; may be null
     */
    private record Outgoing(WebSocketMessage<?> message, int size, CloseStatus close, Runnable whenWritten) {
    }

    QueuedSession(WebSocketSession delegate, Executor writers, int sendTimeLimitMillis, int bufferLimit) {
        this(delegate, writers, sendTimeLimitMillis, bufferLimit, frame -> {
        });
    }

    /** @param written told of every text frame once it is on the socket (the gateway's frame counts) */
    QueuedSession(WebSocketSession delegate, Executor writers, int sendTimeLimitMillis, int bufferLimit,
                  Consumer<TextMessage> written) {
        super(delegate, sendTimeLimitMillis, bufferLimit);
        this.writers = writers;
        this.written = written;
        this.bufferLimit = bufferLimit;
        this.sendTimeLimitNanos = sendTimeLimitMillis * 1_000_000L;
        closeFrameTime(delegate, CLOSE_FRAME_MILLIS);
    }

    /**
     * How long the container may take to send a close frame with a code other than 1000 (1007 for a text frame
     * that is not UTF-8, 1002, 1009, 1013). Tomcat sends the ones it starts itself from the thread that read the
     * bad frame; when this session's writer is in the middle of a write that thread steps aside for 50 ms, and
     * with its default limit, 50 ms, the close frame was then dropped and the socket simply closed: on about
     * one such close in four that met a write.
     */
    private static void closeFrameTime(WebSocketSession session, long millis) {
        try {
            if (session instanceof NativeWebSocketSession nativeSession
                    && nativeSession.getNativeSession() instanceof jakarta.websocket.Session standard) {
                standard.getUserProperties().put(TOMCAT_ABNORMAL_CLOSE_SEND_TIMEOUT, millis);
            }
        } catch (IllegalStateException closed) {
            // closed before it was asked: no close frame is left to send
        }
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        send(message, null);
    }

    @Override
    public void hold(WebSocketMessage<?> message, Runnable whenWritten) throws IOException {
        if (closing) {
            return;
        }
        long started = writeStartedNanos;
        if (started != 0 && System.nanoTime() - started > sendTimeLimitNanos) {
            throw new SessionLimitExceededException("a write has been stuck for more than "
                    + sendTimeLimitNanos / 1_000_000 + " ms", CloseStatus.SERVICE_OVERLOAD);
        }
        int size = message.getPayloadLength();
        if (pendingBytes.addAndGet(size) > bufferLimit) {
            pendingBytes.addAndGet(-size);
            throw new SessionLimitExceededException("more than " + bufferLimit + " bytes waiting to be sent",
                    CloseStatus.SERVICE_OVERLOAD);
        }
        queue.add(new Outgoing(message, size, null, whenWritten));
    }

    /** Has the writer drain the queue, unless it is already at it or there is nothing to write. */
    @Override
    public void startWriting() {
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    /**
     * Closes after the frames already queued (an error answer before a 1008, say), on the writer, so a close
     * frame never races a frame being written. An overloaded connection is closed at once instead: its
     * socket takes nothing, so neither its queue nor a close frame would ever get through.
     */
    @Override
    public void close(CloseStatus status) throws IOException {
        if (closing) {
            return;
        }
        closing = true;
        if (CloseStatus.SERVICE_OVERLOAD.equals(status)) {
            discardQueued();
            // the caller is the deliveries reader: it must not wait on a socket that takes nothing
            closeFrameTime(getDelegate(), ABANDONED_CLOSE_FRAME_MILLIS);
            getDelegate().close(status);
            return;
        }
        queue.add(new Outgoing(null, 0, status, null));
        startWriting();
    }

    @Override
    public int getBufferSize() {
        return pendingBytes.get();
    }

    @Override
    public int pendingBytes() {
        return pendingBytes.get();
    }

    @Override
    public long getTimeSinceSendStarted() {
        long started = writeStartedNanos;
        return started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
    }

    private void drain() {
        while (true) {
            Outgoing next = queue.poll();
            if (next == null) {
                draining.set(false);
                // a sender may have queued after the poll and seen draining still set
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            if (next.message() != null) {
                write(next);
            } else {
                closeDelegate(next.close());
            }
        }
    }

    private void write(Outgoing outgoing) {
        WebSocketMessage<?> message = outgoing.message();
        writeStartedNanos = System.nanoTime();
        try {
            if (getDelegate().isOpen()) {
                getDelegate().sendMessage(message);
                written(outgoing);
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        } finally {
            writeStartedNanos = 0;
            pendingBytes.addAndGet(-outgoing.size());
        }
    }

    /** What was queued will never reach the socket: drop it and close. */
    private void failed(Exception e) {
        log.info("write to session {} failed ({}); closing it", getId(), e.toString());
        discardQueued();
        closeDelegate(CloseStatus.SERVER_ERROR);
    }

    /** Drops every queued frame and gives its bytes back, so that the count says what is still to be sent. */
    private void discardQueued() {
        for (Outgoing dropped = queue.poll(); dropped != null; dropped = queue.poll()) {
            pendingBytes.addAndGet(-dropped.size());
        }
    }

    /** Metrics only: a failing observer must not close the connection. */
    private void written(Outgoing outgoing) {
        try {
            if (outgoing.message() instanceof TextMessage text) {
                written.accept(text);
            }
            if (outgoing.whenWritten() != null) {
                outgoing.whenWritten().run();
            }
        } catch (RuntimeException e) {
            log.warn("an observer of frames written failed", e);
        }
    }

    private void closeDelegate(CloseStatus status) {
        try {
            getDelegate().close(status);
        } catch (IOException e) {
            log.info("session {} did not close cleanly ({}): {}", getId(), status, e.toString());
        }
    }
}
