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
import java.util.ArrayList;
import java.util.List;
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
 * <p>When more frames are waiting behind the one being written, the writer asks the container to batch them
 * ({@code RemoteEndpoint.setBatchingAllowed}): they are copied into the connection's output buffer and go out
 * in as few socket writes as the buffer allows, the batch ending when the queue is empty or a close is next.
 * A frame counts as written, and its {@code whenWritten} runs, once its batch is flushed.
 *
 * <p>It extends the decorator only so that code asking {@code getBufferSize()} (dropping typing frames first)
 * reads this queue; none of the decorator's own sending is used.
 */
final class QueuedSession extends ConcurrentWebSocketSessionDecorator implements Outbox {

    private static final Logger log = LoggerFactory.getLogger(QueuedSession.class);

    private final Executor writers;
    private final Batching batching;
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
    /** The frames in the container's batch, not yet flushed; touched only by the writer. */
    private final List<Outgoing> batched = new ArrayList<>();
    private boolean inBatch;

    /**
     * A frame to write, or (frame null) the close that follows every frame queued before it.
     *
     * @param size        what the frame adds to the byte budget, asked once (a string frame encodes its whole
     *                    text to answer)
     * @param whenWritten run once the frame is on the socket; may be null
     */
    private record Outgoing(WebSocketMessage<?> message, int size, CloseStatus close, Runnable whenWritten) {
    }

    /** Turns the container's batching of a connection's frames on, or off (which flushes the batch). */
    @FunctionalInterface
    interface Batching {
        Batching NONE = on -> {
        };

        void allow(boolean on) throws IOException;

        /**
         * The standard WebSocket API's batching, when the session is a container's; none otherwise, or when the
         * session closed before it was asked (its writes are then skipped anyway).
         */
        static Batching of(WebSocketSession session) {
            try {
                if (session instanceof NativeWebSocketSession nativeSession
                        && nativeSession.getNativeSession() instanceof jakarta.websocket.Session standard) {
                    return standard.getBasicRemote()::setBatchingAllowed;
                }
            } catch (IllegalStateException closed) {
                return NONE;
            }
            return NONE;
        }
    }

    QueuedSession(WebSocketSession delegate, Executor writers, int sendTimeLimitMillis, int bufferLimit) {
        this(delegate, writers, sendTimeLimitMillis, bufferLimit, frame -> {
        });
    }

    /** @param written told of every text frame once it is on the socket (the gateway's frame counts) */
    QueuedSession(WebSocketSession delegate, Executor writers, int sendTimeLimitMillis, int bufferLimit,
                  Consumer<TextMessage> written) {
        this(delegate, writers, sendTimeLimitMillis, bufferLimit, written, Batching.of(delegate));
    }

    QueuedSession(WebSocketSession delegate, Executor writers, int sendTimeLimitMillis, int bufferLimit,
                  Consumer<TextMessage> written, Batching batching) {
        super(delegate, sendTimeLimitMillis, bufferLimit);
        this.writers = writers;
        this.batching = batching;
        this.written = written;
        this.bufferLimit = bufferLimit;
        this.sendTimeLimitNanos = sendTimeLimitMillis * 1_000_000L;
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
            queue.clear();
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
                endBatch();
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
                endBatch();
                closeDelegate(next.close());
            }
        }
    }

    private void write(Outgoing outgoing) {
        WebSocketMessage<?> message = outgoing.message();
        writeStartedNanos = System.nanoTime();
        try {
            if (getDelegate().isOpen()) {
                if (!inBatch && queue.peek() != null) {
                    batching.allow(true);
                    inBatch = true;
                }
                getDelegate().sendMessage(message);
                if (inBatch) {
                    batched.add(outgoing);
                } else {
                    written(outgoing);
                }
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        } finally {
            writeStartedNanos = 0;
            pendingBytes.addAndGet(-outgoing.size());
        }
    }

    /** Flushes the batch, if one is open, and then counts its frames as written. */
    private void endBatch() {
        if (!inBatch) {
            return;
        }
        writeStartedNanos = System.nanoTime();
        try {
            batching.allow(false);
            inBatch = false;
            batched.forEach(this::written);
        } catch (IOException | RuntimeException e) {
            failed(e);
        } finally {
            writeStartedNanos = 0;
            batched.clear();
        }
    }

    /** What was queued or batched will never reach the socket: drop it and close. */
    private void failed(Exception e) {
        log.info("write to session {} failed ({}); closing it", getId(), e.toString());
        queue.clear();
        batched.clear();
        inBatch = false;
        closeDelegate(CloseStatus.SERVER_ERROR);
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
