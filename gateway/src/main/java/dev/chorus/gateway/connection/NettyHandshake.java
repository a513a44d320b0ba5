package dev.chorus.gateway.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answers an HTTP request on the Netty port: a WebSocket upgrade of {@code /ws} that passes the same checks as
 * on the web server's port, in the same order, is upgraded; anything else gets the status the web server would
 * give it, and the socket is closed.
 *
 * <ol>
 *   <li>the handshake interceptors: no valid token is 401, a user at the connection limit 429;</li>
 *   <li>the origin ({@link OriginPolicy}): 403;</li>
 *   <li>the upgrade itself: not a GET 405, no upgrade 400, a WebSocket version other than 13 426, no key 400.</li>
 * </ol>
 * Shared by every connection of one transport; each handshake runs on its connection's handler thread.
 */
final class NettyHandshake {

    private static final Logger log = LoggerFactory.getLogger(NettyHandshake.class);
    /** The upgrade response is only written by the event loop; this bounds a wait that should take microseconds. */
    private static final long UPGRADE_WAIT_SECONDS = 10;
    private static final String WEBSOCKET_VERSION = "13";

    private final WebSocketHandler handler;
    private final List<HandshakeInterceptor> interceptors;
    private final OriginPolicy origins;
    private final WebSocketServerHandshakerFactory handshakers;
    private final NettySession.Budget budget;

    /**
     * @param maxFrameBytes one frame past this closes the connection with 1009 (longer messages in several
     *                      frames are held to the limit by {@link NettyConnectionHandler})
     */
    NettyHandshake(WebSocketHandler handler, List<HandshakeInterceptor> interceptors, OriginPolicy origins,
                   int maxFrameBytes, boolean extensions, NettySession.Budget budget) {
        this.handler = handler;
        this.interceptors = List.copyOf(interceptors);
        this.origins = origins;
        this.handshakers = new WebSocketServerHandshakerFactory(WebSocketConfiguration.PATH, null,
                WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxFrameBytes)
                        .allowExtensions(extensions)
                        // the decoder's own close shuts the socket at once, with the rest of the bad frame
                        // unread, which resets it and can lose the close frame: NettyConnectionHandler closes
                        .closeOnProtocolViolation(false)
                        .withUTF8Validator(true)
                        .build());
        this.budget = budget;
    }

    /**
     * Upgrades the connection or refuses it.
     *
     * @return the new connection's session, once the upgrade response is on its way; null when refused
     */
    NettySession accept(Channel channel, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return refuse(channel, HttpStatus.BAD_REQUEST, null);
        }
        if (!WebSocketConfiguration.PATH.equals(new QueryStringDecoder(request.uri()).path())) {
            return refuse(channel, HttpStatus.NOT_FOUND, null);
        }
        NettyExchange.Request exchange;
        try {
            exchange = new NettyExchange.Request(request, channel);
        } catch (IllegalArgumentException malformed) {
            return refuse(channel, HttpStatus.BAD_REQUEST, null);
        }
        NettyExchange.Response response = new NettyExchange.Response();
        Map<String, Object> attributes = new HashMap<>();
        try {
            for (HandshakeInterceptor interceptor : interceptors) {
                if (!interceptor.beforeHandshake(exchange, response, handler, attributes)) {
                    HttpStatusCode status = response.status();
                    return refuse(channel, status == null ? HttpStatus.FORBIDDEN : status, response.getHeaders());
                }
            }
        } catch (Exception e) {
            log.warn("a handshake check failed on {}", channel, e);
            return refuse(channel, HttpStatus.INTERNAL_SERVER_ERROR, null);
        }
        if (!origins.allows(request.headers().get(HttpHeaderNames.ORIGIN), request.headers().get(HttpHeaderNames.HOST))) {
            log.debug("handshake refused: origin {} not allowed", request.headers().get(HttpHeaderNames.ORIGIN));
            return refuse(channel, HttpStatus.FORBIDDEN, null);
        }
        if (!HttpMethod.GET.equals(request.method())) {
            HttpHeaders allow = new HttpHeaders();
            allow.set(HttpHeaders.ALLOW, HttpMethod.GET.name());
            return refuse(channel, HttpStatus.METHOD_NOT_ALLOWED, allow);
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                || !request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return refuse(channel, HttpStatus.BAD_REQUEST, null);
        }
        // the only version browsers and the web server's container speak; Netty would take the drafts before it
        WebSocketServerHandshaker handshaker = WEBSOCKET_VERSION.equals(
                request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION)) ? handshakers.newHandshaker(request) : null;
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel)
                    .addListener(ChannelFutureListener.CLOSE);
            return null;
        }
        ChannelFuture upgraded;
        try {
            upgraded = handshaker.handshake(channel, request);
        } catch (WebSocketHandshakeException notAnUpgrade) {
            return refuse(channel, HttpStatus.BAD_REQUEST, null);
        }
        if (!upgraded.awaitUninterruptibly(UPGRADE_WAIT_SECONDS, TimeUnit.SECONDS) || !upgraded.isSuccess()) {
            log.debug("the upgrade of {} did not complete: {}", channel, upgraded.cause());
            channel.close();
            return null;
        }
        interceptors.forEach(interceptor -> interceptor.afterHandshake(exchange, response, handler, null));
        return new NettySession(channel, attributes, budget);
    }

    private static NettySession refuse(Channel channel, HttpStatusCode status, HttpHeaders headers) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status.value()), Unpooled.EMPTY_BUFFER);
        if (headers != null) {
            headers.forEach((name, values) -> response.headers().add(name, values));
        }
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        return null;
    }
}
