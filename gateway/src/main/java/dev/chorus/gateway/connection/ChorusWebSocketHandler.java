package dev.chorus.gateway.connection;

import dev.chorus.command.CommandBody;
import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.auth.AuthenticatedUser;
import dev.chorus.gateway.kafka.CommandProducer;
import dev.chorus.gateway.media.MediaReferences;
import dev.chorus.gateway.metrics.GatewayMetrics;
import dev.chorus.gateway.ratelimit.RateLimiter;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Problem;
import dev.chorus.protocol.ServerPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /ws}: one instance for every connection. Frames are validated before anything reaches Kafka; every
 * refusal is a {@code SYSTEM:ERROR} on the connection, which stays open.
 */
@Component
class ChorusWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChorusWebSocketHandler.class);
    private static final String CONNECTION_ATTRIBUTE = Connection.class.getName();
    private static final String ASSEMBLY_ATTRIBUTE = MessageAssembly.class.getName();
    private static final Problem RATE_LIMITED = new Problem(ErrorCode.RATE_LIMITED,
            "too many events: slow down and retry");
    static final CloseStatus RATE_LIMIT_CLOSE = CloseStatus.POLICY_VIOLATION.withReason("rate limit");

    private final GatewayProperties properties;
    private final ConnectionRegistry registry;
    private final CommandProducer commands;
    private final MediaReferences media;
    private final FrameParser parser;
    private final Clock clock;
    private final List<ConnectionListener> listeners;
    private final RateLimiter rateLimiter;
    private final ConnectionExpiry expiry;
    private final GatewayMetrics metrics;
    /**
     * Writes frames to sockets, one task per connection with frames waiting. A thread is held only while a
     * socket is slow to take bytes, so threads grow with stalled clients (each bounded by the send time limit
     * and buffer), never with connections; idle threads end after a minute.
     */
    private final ExecutorService writers = Executors.newCachedThreadPool(writerThreads());

    ChorusWebSocketHandler(GatewayProperties properties, ConnectionRegistry registry, CommandProducer commands,
                           MediaReferences media, Clock clock, ObjectProvider<ConnectionListener> listeners,
                           RateLimiter rateLimiter, ConnectionExpiry expiry, GatewayMetrics metrics) {
        this.properties = properties;
        this.registry = registry;
        this.commands = commands;
        this.media = media;
        this.clock = clock;
        this.parser = new FrameParser(properties.limits().maxTextChars());
        this.listeners = listeners.orderedStream().toList();
        this.rateLimiter = rateLimiter;
        this.expiry = expiry;
        this.metrics = metrics;
        metrics.connections(registry::size);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        AuthenticatedUser user = AuthenticatedUser.from(session.getAttributes()).orElseThrow(() ->
                new IllegalStateException("a WebSocket session without an authenticated handshake"));
        // Netty's sessions bound and order their own writes; the container's get a queue and a writer
        WebSocketSession bounded = session instanceof Outbox ? session : new QueuedSession(session, writers,
                properties.sendTimeLimitMillis(), properties.sendBufferLimit(), metrics::frameWritten);
        Connection connection = new Connection(UUID.randomUUID().toString(), user, bounded, clock.instant());
        session.getAttributes().put(CONNECTION_ATTRIBUTE, connection);
        session.getAttributes().put(ASSEMBLY_ATTRIBUTE, new MessageAssembly(properties.limits().frameBytes()));
        // CONNECTED is queued before the connection is routable, so it is always the first frame; no reply can
        // be missed, as this connection's first request is read only after this method returns. It is written
        // once the connection is registered, so a client that has seen it counts against its user's
        // connection limit (a handshake it starts next is refused at the limit, not let through by a race).
        connection.hold(Frames.connected(connected(connection)), null);
        listeners.forEach(listener -> listener.opened(connection));
        registry.add(connection);
        connection.flush();
        AuthenticatedUser.tokenExpiry(session.getAttributes()).ifPresent(at -> expiry.watch(connection, at));
        if (!session.isOpen()) {
            // Closed while being set up: afterConnectionClosed may have run before the add and removed nothing.
            registry.remove(connection);
            expiry.forget(connection);
            listeners.forEach(listener -> listener.closed(connection));
        }
        log.debug("{} connected", connection);
    }

    /** Long messages arrive in parts, as the container's per-connection buffers are small; see {@link MessageAssembly}. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connection(session);
        MessageAssembly assembly = assembly(session);
        if (whole(connection, assembly.text(message.getPayload(), message.isLast()))) {
            handleText(connection, assembly.take());
        }
    }

    /** Whether a message is complete; one past the frame limit closes its connection with 1009. */
    private static boolean whole(Connection connection, MessageAssembly.Progress progress) {
        if (progress == MessageAssembly.Progress.TOO_LARGE) {
            connection.close(CloseStatus.TOO_BIG_TO_PROCESS);
        }
        return progress == MessageAssembly.Progress.COMPLETE;
    }

    private void handleText(Connection connection, String frame) {
        ParseResult result = parser.parse(frame);
        // Parsed first, so that a RATE_LIMITED answer echoes what it refused, as any other error does.
        RequestContext context = result instanceof ParseResult.Rejected rejected ? rejected.context()
                : RequestContext.of(((ParseResult.Accepted) result).request());
        metrics.frameIn(result instanceof ParseResult.Accepted accepted ? accepted.request().type().wireName() : null);
        if (!admitted(connection, context)) {
            return;
        }
        if (result instanceof ParseResult.Rejected rejected) {
            refuse(connection, rejected.problem(), context);
            return;
        }
        ClientRequest request = ((ParseResult.Accepted) result).request();
        for (ConnectionListener listener : listeners) {
            if (listener.intercept(request, connection, problem -> refuse(connection, problem, context))) {
                return;
            }
        }
        if (request instanceof ClientRequest.SendMessageMedia send) {
            sendMedia(connection, send, context);
            return;
        }
        commands.submit(request, connection.user().actor(), connection.id(),
                problem -> refuse(connection, problem, context));
    }

    /** Every {@code SYSTEM:ERROR} the gateway itself answers goes through here, so each one is counted. */
    private void refuse(Connection connection, Problem problem, RequestContext context) {
        metrics.rejected(problem.code().name(), "gateway");
        connection.send(Frames.error(problem, context));
    }

    /** The media reference is resolved here, so the command carries a URL and the processor never looks up ids. */
    private void sendMedia(Connection connection, ClientRequest.SendMessageMedia send, RequestContext context) {
        MediaReferences.Resolution resolution = media.resolve(send, connection.user().userId());
        if (resolution instanceof MediaReferences.Refused refused) {
            refuse(connection, refused.problem(), context);
            return;
        }
        CommandBody.PostMessage post = new CommandBody.PostMessage(send.groupId(), send.kind(), send.caption(),
                ((MediaReferences.Resolved) resolution).media(), send.clientMessageId());
        commands.submit(post, connection.user().actor(), connection.id(),
                problem -> refuse(connection, problem, context));
    }

    /** Whether the frame is within the user's rate limit; past it the frame is answered or the connection closed. */
    private boolean admitted(Connection connection, RequestContext context) {
        switch (rateLimiter.admit(connection.user().userId(), connection.id())) {
            case ACCEPT:
                return true;
            case REFUSE:
                refuse(connection, RATE_LIMITED, context);
                return false;
            default:
                log.info("{} kept sending past the rate limit; closing it", connection);
                connection.close(RATE_LIMIT_CLOSE);
                return false;
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Connection connection = connection(session);
        if (!whole(connection, assembly(session).binary(message.getPayloadLength(), message.isLast()))) {
            return;
        }
        metrics.frameIn(null);
        if (!admitted(connection, RequestContext.NONE)) {
            return;
        }
        refuse(connection, Problem.badRequest("frames must be UTF-8 JSON text, not binary"), RequestContext.NONE);
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        connection(session).ponged(clock.instant());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Object connection = session.getAttributes().get(CONNECTION_ATTRIBUTE);
        if (connection instanceof Connection closed) {
            registry.remove(closed);
            expiry.forget(closed);
            listeners.forEach(listener -> listener.closed(closed));
            log.debug("{} closed: {}", closed, status);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.info("transport error on {}: {}", session.getAttributes().get(CONNECTION_ATTRIBUTE), exception.toString());
    }

    private static CustomizableThreadFactory writerThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("ws-writer-");
        threads.setDaemon(true);
        return threads;
    }

    private ServerPayload.Connected connected(Connection connection) {
        GatewayProperties.Limits limits = properties.limits();
        return new ServerPayload.Connected(connection.id(), connection.user().userId(),
                connection.user().displayName(), properties.heartbeatInterval().toMillis(),
                new ServerPayload.Limits(limits.frameBytes(), limits.maxTextChars(), limits.maxMediaBytes().toBytes()));
    }

    private static MessageAssembly assembly(WebSocketSession session) {
        return (MessageAssembly) session.getAttributes().get(ASSEMBLY_ATTRIBUTE);
    }

    private static Connection connection(WebSocketSession session) {
        Object connection = session.getAttributes().get(CONNECTION_ATTRIBUTE);
        if (connection instanceof Connection open) {
            return open;
        }
        throw new IllegalStateException("a frame on session " + session.getId() + " before it was registered");
    }
}
