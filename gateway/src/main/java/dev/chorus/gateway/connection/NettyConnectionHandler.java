package dev.chorus.gateway.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;

/**
 * One Netty connection, from its HTTP request to its close, told to the gateway's {@link WebSocketHandler} as
 * the web server's container tells it: opened, each message, pongs, closed, once each and in order. It runs on
 * the connection's handler thread, never on the event loop, as a handshake may wait for the identity provider
 * and a message for Kafka.
 *
 * <p>The channel reads only when asked, and this handler asks once it has handled what came before: a client
 * that sends faster than its frames are handled is held back by its own socket buffers, as on the web server,
 * whose request thread reads the next frame only after handling the last.
 *
 * <p>A text message sent in several frames is joined here, in bytes, so a character split between frames
 * decodes whole; past the frame limit the connection is closed with 1009, as one frame past it is by the
 * decoder. A binary message is only counted, as the handler refuses it whole.
 */
final class NettyConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(NettyConnectionHandler.class);
    /** How long a connection may take to send its handshake: Tomcat's default connection timeout. */
    static final long HANDSHAKE_TIMEOUT_SECONDS = 20;

    private final WebSocketHandler handler;
    private final NettyHandshake handshake;
    private final int maxMessageBytes;
    private NettySession session;
    private ScheduledFuture<?> handshakeTimeout;
    /** The bytes of a text message arriving in several frames; null between messages. */
    private ByteArrayOutputStream textParts;
    /** Whether the continuation frames coming belong to a binary message. */
    private boolean binaryParts;
    /**
     * Whether a frame was refused as malformed: the connection is closing, and only a close is read. (The
     * decoder drops everything after a frame past the limit, and the UTF-8 check rejects every text frame after
     * a bad one; this covers the rest, binary frames and pings.)
     */
    private boolean refused;

    NettyConnectionHandler(WebSocketHandler handler, NettyHandshake handshake, int maxMessageBytes) {
        this.handler = handler;
        this.handshake = handshake;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshakeTimeout = ctx.channel().eventLoop().schedule(() -> {
            log.debug("{} sent no handshake within {} s; closing it", ctx.channel(), HANDSHAKE_TIMEOUT_SECONDS);
            ctx.channel().close();
        }, HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ctx.fireChannelActive();
        ctx.read();
    }

    /** Reads on only once what was read is handled (the channel does not read by itself), one batch at a time. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof FullHttpRequest request) {
                handshake(ctx, request);
            } else if (message instanceof WebSocketFrame frame && session != null) {
                frame(ctx, frame);
            }
        } catch (Exception e) {
            // what the servlet side's exception decorator does: the handler failed, so the connection ends
            log.warn("{} failed on a frame; closing it", session, e);
            if (session != null) {
                session.close(CloseStatus.SERVER_ERROR);
            } else {
                ctx.channel().close();
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void handshake(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
        if (session != null) {
            return; // a request after the upgrade cannot be: the HTTP decoder is gone
        }
        handshakeTimeout.cancel(false);
        session = handshake.accept(ctx.channel(), request);
        if (session != null) {
            handler.afterConnectionEstablished(session);
        }
    }

    private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
        if (refused && !(frame instanceof CloseWebSocketFrame)) {
            return;
        }
        if (frame instanceof TextWebSocketFrame text) {
            if (text.isFinalFragment()) {
                deliver(new TextMessage(text.content().toString(StandardCharsets.UTF_8)));
            } else {
                textParts = new ByteArrayOutputStream();
                append(text.content());
            }
        } else if (frame instanceof ContinuationWebSocketFrame part) {
            continued(part);
        } else if (frame instanceof BinaryWebSocketFrame binary) {
            binaryParts = !binary.isFinalFragment();
            deliver(new BinaryMessage(ByteBufUtil.getBytes(binary.content()), binary.isFinalFragment()));
        } else if (frame instanceof PongWebSocketFrame pong) {
            deliver(new PongMessage(ByteBuffer.wrap(ByteBufUtil.getBytes(pong.content()))));
        } else if (frame instanceof PingWebSocketFrame ping) {
            session.answerPing(ByteBufUtil.getBytes(ping.content()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            int code = close.statusCode();
            session.closedByClient(code == -1 ? CloseStatus.NO_STATUS_CODE : new CloseStatus(code, close.reasonText()));
        }
    }

    private void continued(ContinuationWebSocketFrame part) throws Exception {
        if (binaryParts) {
            binaryParts = !part.isFinalFragment();
            deliver(new BinaryMessage(ByteBufUtil.getBytes(part.content()), part.isFinalFragment()));
            return;
        }
        if (textParts == null) {
            return; // the rest of a message already refused as too large
        }
        append(part.content());
        if (textParts != null && part.isFinalFragment()) {
            String whole = textParts.toString(StandardCharsets.UTF_8);
            textParts = null;
            deliver(new TextMessage(whole));
        }
    }

    private void append(ByteBuf part) {
        if (textParts.size() + part.readableBytes() > maxMessageBytes) {
            textParts = null;
            session.close(CloseStatus.TOO_BIG_TO_PROCESS);
            return;
        }
        textParts.writeBytes(ByteBufUtil.getBytes(part));
    }

    private void deliver(WebSocketMessage<?> message) throws Exception {
        if (session.isOpen()) {
            handler.handleMessage(session, message);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        if (session != null && session.isOpen()) {
            handler.afterConnectionClosed(session, session.ended());
        }
        ctx.fireChannelInactive();
    }

    /**
     * The close for a compressed frame that could not be inflated, or null if the failure was not that: 1009 when
     * it reached the message limit, where the compression handler stops it, and 1002 when its deflate data is
     * bad, as the container closes. Netty has no type of its own for the first: it is the decompression failure
     * that bad data did not cause.
     */
    private static CloseStatus inflateRefusal(Throwable cause) {
        for (Throwable failure = cause; failure != null; failure = failure.getCause()) {
            if (failure instanceof DecompressionException) {
                return failure.getCause() instanceof DataFormatException ? CloseStatus.PROTOCOL_ERROR
                        : CloseStatus.TOO_BIG_TO_PROCESS;
            }
        }
        return null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof CorruptedWebSocketFrameException corrupted && session != null) {
            // a frame refused as malformed (1009 past the frame limit, 1007 for text that is not UTF-8, 1002
            // otherwise). Neither the decoder nor the UTF-8 check closes the socket itself: at once, with the rest
            // of the frame unread, it would be reset under the close frame. What the client sends from here on is
            // dropped (by the decoder, past the limit; by frame() otherwise) but for its close, and the socket
            // closes on that, when the client closes it, or after the close's wait.
            refused = true;
            session.close(new CloseStatus(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText()));
            return;
        }
        CloseStatus inflateRefusal = inflateRefusal(cause);
        if (inflateRefusal != null && session != null) {
            refused = true; // the inflater is spent: what follows is dropped but for the client's close
            session.close(inflateRefusal);
            return;
        }
        if (session != null) {
            handler.handleTransportError(session, cause);
        } else {
            log.debug("{} failed before its upgrade: {}", ctx.channel(), cause.toString());
        }
        ctx.channel().close();
    }
}
