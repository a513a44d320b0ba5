package dev.chorus.gateway.connection;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.WebSocketHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code /ws} with Netty on {@code chorus.gateway.netty.port}, beside the web server's own {@code /ws}.
 * Starts and stops with the web server; connections still open when it stops have already been closed with
 * 1012 by {@link ConnectionsShutdown}, which stops first, and the event loops are given a moment to write
 * those close frames.
 */
public final class NettyTransport implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NettyTransport.class);
    /** Tomcat's defaults: a handshake's request line and headers (a token in the query fits easily). */
    private static final int MAX_REQUEST_LINE_BYTES = 8192;
    private static final int MAX_HEADER_BYTES = 8192;
    /** A handshake has no body; one this long is refused (413) rather than read. */
    private static final int MAX_HANDSHAKE_BODY_BYTES = 8192;
    /** How long the event loops may take to write the close frames of the last connections at shutdown. */
    private static final long SHUTDOWN_QUIET_MILLIS = 200;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 3_000;

    private final NettyProperties properties;
    private final WebSocketHandler handler;
    private final NettyHandshake handshake;
    private final int maxMessageBytes;
    private final boolean permessageDeflate;
    private volatile EventLoopGroup acceptor;
    private volatile EventLoopGroup io;
    private volatile EventExecutorGroup handlers;
    private volatile Channel server;

    NettyTransport(NettyProperties properties, WebSocketHandler handler, NettyHandshake handshake,
                   int maxMessageBytes, boolean permessageDeflate) {
        this.properties = properties;
        this.handler = handler;
        this.handshake = handshake;
        this.maxMessageBytes = maxMessageBytes;
        this.permessageDeflate = permessageDeflate;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            // set but empty (CHORUS_GATEWAY_NETTY_PORT=): off, as a blank setting is none everywhere else
            log.info("chorus.gateway.netty.port is empty: /ws is served by the web server only");
            return;
        }
        acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ws-netty-accept", true),
                NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(properties.ioThreadCount(), new DefaultThreadFactory("ws-netty-io", true),
                NioIoHandler.newFactory());
        handlers = new DefaultEventExecutorGroup(properties.handlerThreads(),
                new DefaultThreadFactory("ws-netty-handler", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, io)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // a connection's next bytes are read once its handler has taken the last ones, so a client that
                // sends faster than its frames are handled waits in its own socket, not in this heap
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        pipeline.addLast(new HttpServerCodec(MAX_REQUEST_LINE_BYTES, MAX_HEADER_BYTES, MAX_HEADER_BYTES));
                        pipeline.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BODY_BYTES));
                        if (permessageDeflate) {
                            // frames are inflated here, before the handler sees them: only just past the message
                            // limit, or 64 KB on the wire could become 60 MB (NettyConnectionHandler closes with
                            // 1009). The byte more lets a message at the limit through, as Netty refuses a full
                            // buffer while input is left, which the deflate block's tail always is.
                            pipeline.addLast(new WebSocketServerCompressionHandler(maxMessageBytes + 1));
                        }
                        // text frames that are not UTF-8 close the connection with 1007, as the container does;
                        // the frame decoder does not check (Netty's protocol handler would add this itself).
                        // NettyConnectionHandler closes, as for a frame the decoder refuses.
                        pipeline.addLast(new Utf8FrameValidator(false));
                        pipeline.addLast(handlers, "chorus",
                                new NettyConnectionHandler(handler, handshake, maxMessageBytes));
                    }
                });
        InetSocketAddress address = properties.address() == null ? new InetSocketAddress(properties.port())
                : new InetSocketAddress(properties.address(), properties.port());
        try {
            server = bootstrap.bind(address).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutDownGroups();
            throw new IllegalStateException("chorus.gateway.netty could not listen on " + address + ": " + e, e);
        }
        log.info("Netty serves /ws on port {}", port());
    }

    /** The port Netty listens on, once started (the one picked when {@code port} is 0). */
    public int port() {
        Channel listening = server;
        if (listening == null) {
            throw new IllegalStateException("the Netty transport has not started");
        }
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    @Override
    public void stop() {
        Channel listening = server;
        server = null;
        if (listening != null) {
            listening.close().syncUninterruptibly();
        }
        shutDownGroups();
    }

    /** The handler threads last: channels the event loops close on the way down still tell the handler. */
    private void shutDownGroups() {
        for (EventExecutorGroup group : new EventExecutorGroup[] {acceptor, io, handlers}) {
            if (group != null) {
                group.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                        .syncUninterruptibly();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** With the web server: started after the deliveries reader is positioned, stopped after connections closed. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE;
    }
}
