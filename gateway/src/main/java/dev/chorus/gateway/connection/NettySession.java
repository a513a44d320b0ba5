package dev.chorus.gateway.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;

/**
 * A WebSocket connection served by Netty, as the gateway's handler sees it: a {@link WebSocketSession} whose
 * sends are an {@link Outbox}. Frames are queued from any thread and written by the channel's own event loop,
 * all that one hand-off brought together, then flushed once: one task and one {@code writev} per connection per
 * batch, where the servlet container wakes a writer thread and writes each frame's text into a small buffer.
 * A frame's UTF-8 bytes ({@link Frames#encoded}) go to the socket as they are, shared by every recipient.
 *
 * <p>It keeps little, as a gateway may hold tens of thousands of these: the channel, the handler's attributes,
 * a queue that is empty while the connection is idle, and a few numbers. The handshake's headers, URI and
 * token are not kept.
 */
final class NettySession implements WebSocketSession, Outbox {

    private static final Logger log = LoggerFactory.getLogger(NettySession.class);
    /**
     * How long a close this side started waits for the client's answering close frame before the socket is
     * closed anyway. The wait lets the client read the close frame and its status: closing the socket at once
     * could reset it and lose both.
     */
    static final long CLOSE_ANSWER_WAIT_MILLIS = 5_000;
    private static final AtomicIntegerFieldUpdater<NettySession> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(NettySession.class, "pendingBytes");
    private static final AtomicIntegerFieldUpdater<NettySession> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(NettySession.class, "writeScheduled");
    private static final AtomicIntegerFieldUpdater<NettySession> CLOSING =
            AtomicIntegerFieldUpdater.newUpdater(NettySession.class, "closing");
    private static final AtomicIntegerFieldUpdater<NettySession> PONG_WAITING =
            AtomicIntegerFieldUpdater.newUpdater(NettySession.class, "pongWaiting");
    private static final AtomicReferenceFieldUpdater<NettySession, byte[]> PING_TO_ANSWER =
            AtomicReferenceFieldUpdater.newUpdater(NettySession.class, byte[].class, "pingToAnswer");

    /**
     * What every session on one gateway shares.
     *
     * @param written told of every text frame once it is on the socket (the gateway's frame counts)
     */
    record Budget(int bufferLimit, int sendTimeLimitMillis, Consumer<TextMessage> written) {
    }

    /** A frame to write, or (message null) the close that follows every frame queued before it. */
    private record Outgoing(WebSocketMessage<?> message, int size, CloseStatus close, Runnable whenWritten) {
    }

    private final Channel channel;
    private final Map<String, Object> attributes;
    private final Budget budget;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    @SuppressWarnings("unused") // through PENDING
    private volatile int pendingBytes;
    @SuppressWarnings("unused") // through SCHEDULED
    private volatile int writeScheduled;
    /** When the socket last took a frame, or frames began to wait; what the send time limit is measured from. */
    private volatile long progressNanos;
    /**
     * 1 once a close was asked for, by either side: nothing more is queued. Set by compare-and-set, so that of a
     * close asked for on a handler thread and the client's read on the event loop at once, one is the close.
     */
    @SuppressWarnings("unused") // through CLOSING
    private volatile int closing;
    /** The close status sent or received, for {@code afterConnectionClosed}; null while there is none. */
    private volatile CloseStatus closeStatus;
    /** The writing of this side's close frame, once it has started; only the event loop reads and sets it. */
    private ChannelFuture closeSent;
    /** The client's close frame came: once this side's close or echo is written, no answer is waited for. */
    private volatile boolean clientClosed;
    /** The newest client ping not answered yet, while a pong to an older one waits for the socket. */
    private volatile byte[] pingToAnswer;
    /** 1 while a pong is queued or waiting for the socket: a connection has one at a time. */
    @SuppressWarnings("unused") // through PONG_WAITING
    private volatile int pongWaiting;
    /** False once the handler has been told the connection closed. */
    private volatile boolean open = true;

    NettySession(Channel channel, Map<String, Object> attributes, Budget budget) {
        this.channel = channel;
        this.attributes = attributes;
        this.budget = budget;
    }

    @Override
    public void hold(WebSocketMessage<?> message, Runnable whenWritten) throws SessionLimitExceededException {
        if (CLOSING.get(this) == 1) {
            return;
        }
        if (PENDING.get(this) > 0 && System.nanoTime() - progressNanos
                > TimeUnit.MILLISECONDS.toNanos(budget.sendTimeLimitMillis())) {
            throw new SessionLimitExceededException("the socket has taken nothing for more than "
                    + budget.sendTimeLimitMillis() + " ms", CloseStatus.SERVICE_OVERLOAD);
        }
        int size = message.getPayloadLength();
        int pending = PENDING.addAndGet(this, size);
        if (pending > budget.bufferLimit()) {
            PENDING.addAndGet(this, -size);
            throw new SessionLimitExceededException("more than " + budget.bufferLimit()
                    + " bytes waiting to be sent", CloseStatus.SERVICE_OVERLOAD);
        }
        if (pending == size) {
            progressNanos = System.nanoTime();
        }
        queue.add(new Outgoing(message, size, null, whenWritten));
    }

    @Override
    public void startWriting() {
        if (!queue.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    @Override
    public int pendingBytes() {
        return PENDING.get(this);
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        send(message, null);
    }

    /**
     * Answers a client's ping with a pong of its payload, after the frames already queued. One pong at a time
     * waits for the socket; a ping that comes meanwhile replaces any other not answered yet, and is answered
     * once that pong is written (RFC 6455, 5.5.3, allows answering only the most recent ping). A client that
     * pings and never reads thus costs one pong and one payload, not a pong per ping piling up in this heap.
     */
    void answerPing(byte[] payload) {
        pingToAnswer = payload;
        answerNewestPing();
    }

    private void answerNewestPing() {
        while (pingToAnswer != null && PONG_WAITING.compareAndSet(this, 0, 1)) {
            byte[] payload = PING_TO_ANSWER.getAndSet(this, null);
            if (payload != null) {
                try {
                    hold(new PongMessage(ByteBuffer.wrap(payload)), () -> {
                        PONG_WAITING.set(this, 0);
                        answerNewestPing();
                    });
                    startWriting();
                } catch (SessionLimitExceededException e) {
                    close(e.getStatus());
                }
                return;
            }
            PONG_WAITING.set(this, 0); // another thread answered it first: look again
        }
    }

    /**
     * Closes after the frames already queued (an error answer before a 1008, say). An overloaded connection is
     * closed at once instead: its socket takes nothing, so neither its queue nor a close handshake would get
     * through.
     */
    @Override
    public void close(CloseStatus status) {
        if (!CLOSING.compareAndSet(this, 0, 1)) {
            return;
        }
        if (CloseStatus.SERVICE_OVERLOAD.equals(status)) {
            queue.clear();
            channel.eventLoop().execute(() -> {
                closeStatus = status;
                channel.writeAndFlush(closeFrame(status));
                channel.close();
            });
            return;
        }
        queue.add(new Outgoing(null, 0, status, null));
        startWriting();
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    /** On the event loop: everything queued goes to the channel, then one flush. */
    private void drain() {
        SCHEDULED.set(this, 0);
        boolean wrote = false;
        Outgoing next;
        while ((next = queue.poll()) != null) {
            if (next.message() == null) {
                sendClose(next.close());
                return;
            }
            write(next);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void write(Outgoing outgoing) {
        ChannelPromise promise = channel.newPromise();
        promise.addListener(done -> written(outgoing, done.isSuccess()));
        channel.write(frame(outgoing.message()), promise);
    }

    private void written(Outgoing outgoing, boolean success) {
        PENDING.addAndGet(this, -outgoing.size());
        if (!success) {
            return; // the channel is closing; the handler hears of it from the channel
        }
        progressNanos = System.nanoTime();
        try {
            if (outgoing.message() instanceof TextMessage text) {
                budget.written().accept(text);
            }
            if (outgoing.whenWritten() != null) {
                outgoing.whenWritten().run();
            }
        } catch (RuntimeException e) {
            log.warn("an observer of frames written failed", e); // metrics only: the connection goes on
        }
    }

    /**
     * The close frame after every frame before it; the socket closes on the client's answer, or after a wait
     * counted from now, so that a socket that never takes the close frame is closed as well.
     */
    private void sendClose(CloseStatus status) {
        closeStatus = status;
        closeSent = channel.writeAndFlush(closeFrame(status));
        closeSent.addListener(done -> {
            if (!done.isSuccess() || clientClosed) {
                channel.close();
            }
        });
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The client sent a close frame: answered with the same status unless this side had already asked to close.
     * Then this side's close, with its own status (a 1007 for the text before, say), is the answer, sent after
     * the frames queued before it as {@link #close(CloseStatus)} promised. Either way the close handshake is
     * complete and the socket closes once the answer is written, or after the close's wait if the socket takes
     * nothing (a client that stopped reading long before its close, say).
     */
    void closedByClient(CloseStatus status) {
        clientClosed = true; // sendClose closes once the answer is written
        if (!CLOSING.compareAndSet(this, 0, 1)) { // this side's close is queued: it is the answer
            channel.eventLoop().execute(() -> {
                if (closeSent != null) {
                    closeSent.addListener(done -> channel.close());
                }
            });
            return;
        }
        closeStatus = status;
        queue.clear();
        channel.eventLoop().execute(() -> sendClose(status));
    }

    /** The socket has closed: the status for the handler, after which the session counts as closed. */
    CloseStatus ended() {
        open = false;
        CLOSING.set(this, 1);
        queue.clear();
        CloseStatus status = closeStatus;
        return status == null ? CloseStatus.NO_CLOSE_FRAME : status;
    }

    private static WebSocketFrame frame(WebSocketMessage<?> message) {
        if (message instanceof TextMessage text) {
            return new TextWebSocketFrame(Unpooled.wrappedBuffer(text.asBytes()));
        }
        if (message instanceof PingMessage ping) {
            return new PingWebSocketFrame(Unpooled.wrappedBuffer(ping.getPayload()));
        }
        if (message instanceof PongMessage pong) {
            return new PongWebSocketFrame(Unpooled.wrappedBuffer(pong.getPayload()));
        }
        throw new IllegalArgumentException("the gateway sends no " + message.getClass().getSimpleName());
    }

    /** A close frame with the status, or with none for 1005, which says a close frame came without one. */
    private static CloseWebSocketFrame closeFrame(CloseStatus status) {
        return status.getCode() == CloseStatus.NO_STATUS_CODE.getCode() ? new CloseWebSocketFrame()
                : new CloseWebSocketFrame(status.getCode(), status.getReason());
    }

    /** Open until the handler has been told otherwise, so that it sees one ending of each connection. */
    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String getId() {
        return channel.id().asShortText();
    }

    /** Only the path: the query held the token, which is not kept. */
    @Override
    public URI getUri() {
        return URI.create(WebSocketConfiguration.PATH);
    }

    @Override
    public HttpHeaders getHandshakeHeaders() {
        return HttpHeaders.EMPTY;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    /** None: the user is the handshake's {@code AuthenticatedUser}, in the attributes. */
    @Override
    public Principal getPrincipal() {
        return null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public String getAcceptedProtocol() {
        return null;
    }

    /** The frame decoder and {@link MessageAssembly} hold messages to the frame limit; nothing to set here. */
    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getTextMessageSizeLimit() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getBinaryMessageSizeLimit() {
        return Integer.MAX_VALUE;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }

    @Override
    public String toString() {
        return "NettySession[" + getId() + "]";
    }
}
