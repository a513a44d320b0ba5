package dev.chorus.gateway.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
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
 * <p>It extends the decorator only so that code asking {@code getBufferSize()} (dropping typing frames first)
 * reads this queue; none of the decorator's own sending is used.
 */
final class QueuedSession extends ConcurrentWebSocketSessionDecorator {

    private static final Logger log = LoggerFactory.getLogger(QueuedSession.class);

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
     * @param whenWritten run once the frame is on the socket; may be null
     */
    private record Outgoing(WebSocketMessage<?> message, CloseStatus close, Runnable whenWritten) {
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
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        sendMessage(message, null);
    }

    /** @param whenWritten run on the writer once the frame is on the socket; not run if it never gets there */
    void sendMessage(WebSocketMessage<?> message, Runnable whenWritten) throws IOException {
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
        enqueue(new Outgoing(message, null, whenWritten));
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
            queue.clear();
            getDelegate().close(status);
            return;
        }
        enqueue(new Outgoing(null, status, null));
    }

    private void enqueue(Outgoing outgoing) {
        queue.add(outgoing);
        if (draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    @Override
    public int getBufferSize() {
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
                write(next.message(), next.whenWritten());
            } else {
                closeDelegate(next.close());
            }
        }
    }

    private void write(WebSocketMessage<?> message, Runnable whenWritten) {
        writeStartedNanos = System.nanoTime();
        try {
            if (getDelegate().isOpen()) {
                getDelegate().sendMessage(message);
                written(message, whenWritten);
            }
        } catch (IOException | RuntimeException e) {
            log.info("write to session {} failed ({}); closing it", getId(), e.toString());
            queue.clear();
            closeDelegate(CloseStatus.SERVER_ERROR);
        } finally {
            writeStartedNanos = 0;
            pendingBytes.addAndGet(-message.getPayloadLength());
        }
    }

    /** Metrics only: a failing observer must not close the connection. */
    private void written(WebSocketMessage<?> message, Runnable whenWritten) {
        try {
            if (message instanceof TextMessage text) {
                written.accept(text);
            }
            if (whenWritten != null) {
                whenWritten.run();
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
