package dev.chorus.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Many idle WebSocket connections from one process, for scenario 3. Netty rather than the JDK client: it
 * binds each socket to a chosen loopback source address (127.0.0.2, 127.0.0.3, ...), which is how one
 * machine gets past the ~28k ephemeral ports per source address, and two event-loop threads carry them
 * all. A connection answers pings (WebSocket pings for Chorus; Engine.IO's {@code 2} with {@code 3} for
 * Socket.IO) and otherwise only reads.
 */
public final class IdleConnections implements AutoCloseable {

    /** The protocol spoken once the WebSocket is open. */
    public enum Dialect { CHORUS, SOCKET_IO }

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final IntFunction<URI> uriFor;
    private final Dialect dialect;
    private final List<String> sources;
    private final Queue<Channel> open = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failed = new AtomicInteger();
    /** Why connections were closed from this side, and how often: a figure to report, not to hide. */
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private int made;

    /** @param uriFor the URI of connection {@code i} (each may carry its own token) */
    public IdleConnections(IntFunction<URI> uriFor, Dialect dialect, List<String> sources) {
        this.uriFor = uriFor;
        this.dialect = dialect;
        this.sources = List.copyOf(sources);
    }

    /** Opens connections until {@code total} are open, at most {@code inFlight} handshakes at a time. */
    public void rampTo(int total, int inFlight, long timeoutSeconds) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (made < total) {
            if (!permits.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("ramp to " + total + " timed out with " + open.size() + " open");
            }
            connect(made++, permits);
        }
        permits.acquire(inFlight); // every handshake done
        permits.release(inFlight);
        if (open.size() < total) {
            throw new IllegalStateException(failed.get() + " connections failed; " + open.size() + " open of " + total);
        }
    }

    /** The errors that closed connections from this side, by message, with their counts. */
    public Map<String, Integer> errors() {
        return Map.copyOf(errors);
    }

    public int openCount() {
        return (int) open.stream().filter(Channel::isActive).count();
    }

    private void connect(int i, Semaphore permits) {
        URI uri = uriFor.apply(i);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .version(WebSocketVersion.V13).customHeaders(new DefaultHttpHeaders()).maxFramePayloadLength(1 << 20)
                .handshakeTimeoutMillis(60_000).dropPongFrames(true).build();
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(config), new Reader(permits));
                    }
                })
                .connect(new InetSocketAddress(uri.getHost(), uri.getPort()),
                        new InetSocketAddress(sources.get(i % sources.size()), 0))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        failed.incrementAndGet();
                        permits.release();
                    }
                });
    }

    private final class Reader extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final Semaphore permits;
        private boolean released;

        Reader(Semaphore permits) {
            this.permits = permits;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                if (dialect == Dialect.CHORUS) {
                    ready(ctx);
                }
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                failed.incrementAndGet();
                release();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            if (dialect != Dialect.SOCKET_IO) {
                return; // SYSTEM:CONNECTED; nothing else comes to an idle Chorus connection
            }
            String text = frame.text();
            if (text.startsWith("0")) {
                ctx.writeAndFlush(new TextWebSocketFrame("40")); // Engine.IO open: join the default namespace
            } else if (text.startsWith("40")) {
                ready(ctx);
            } else if (text.equals("2")) {
                ctx.writeAndFlush(new TextWebSocketFrame("3"));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!released) {
                failed.incrementAndGet();
                release();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.merge(cause.toString(), 1, Integer::sum);
            ctx.close();
        }

        private void ready(ChannelHandlerContext ctx) {
            open.add(ctx.channel());
            release();
        }

        private void release() {
            if (!released) {
                released = true;
                permits.release();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        open.forEach(Channel::close);
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(30, TimeUnit.SECONDS);
    }
}
