package dev.chorus.gateway.metrics;

import dev.chorus.protocol.ClientEventType;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.ServerEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.web.socket.TextMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The gateway's own meters. Every tag takes its values from a closed set (the protocol's event types and
 * error codes, or {@code other}), so whatever a client sends, the number of series stays bounded.
 *
 * <ul>
 *   <li>{@code chorus.connections}: open WebSocket connections (gauge);</li>
 *   <li>{@code chorus.frames.in{type}}: text frames received, by client event type, {@code invalid} for
 *       frames that are not one;</li>
 *   <li>{@code chorus.frames.out{type}}: frames written to sockets, by server event type;</li>
 *   <li>{@code chorus.deliveries}: frames of {@code chorus.deliveries} written to sockets (one per recipient
 *       connection);</li>
 *   <li>{@code chorus.delivery.latency}: from a message's {@code sentAt} (the accepting gateway's clock when
 *       it took the send) to the moment its delivery was written to a member's socket, on this gateway;</li>
 *   <li>{@code chorus.rejects{code,source}}: {@code SYSTEM:ERROR}s sent to this gateway's connections, by
 *       error code, {@code source} {@code gateway} (refused before Kafka) or {@code processor}.</li>
 * </ul>
 */
public final class GatewayMetrics {

    public static final String CONNECTIONS = "chorus.connections";
    public static final String FRAMES_IN = "chorus.frames.in";
    public static final String FRAMES_OUT = "chorus.frames.out";
    public static final String DELIVERIES = "chorus.deliveries";
    public static final String DELIVERY_LATENCY = "chorus.delivery.latency";
    public static final String REJECTS = "chorus.rejects";

    static final String OTHER = "other";
    static final String INVALID = "invalid";
    /** What every frame the gateway writes starts with: an {@code Envelope}'s first field is its type. */
    private static final String TYPE_PREFIX = "{\"type\":\"";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Counter> framesIn;
    private final Map<String, Counter> framesOut;
    private final Map<String, Counter> rejects = new ConcurrentHashMap<>();
    private final Counter deliveries;
    private final Timer latency;

    public GatewayMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.framesIn = counters(FRAMES_IN, "text frames received from clients",
                Arrays.stream(ClientEventType.values()).map(ClientEventType::wireName), INVALID);
        this.framesOut = counters(FRAMES_OUT, "frames written to client sockets",
                Arrays.stream(ServerEventType.values()).map(ServerEventType::wireName), OTHER);
        this.deliveries = Counter.builder(DELIVERIES)
                .description("deliveries written to client sockets, one per recipient connection")
                .register(registry);
        this.latency = Timer.builder(DELIVERY_LATENCY)
                .description("from a message's sentAt (accepted by a gateway) to its delivery written to a socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Meters nobody reads, for tests of other parts. */
    public static GatewayMetrics unregistered() {
        return new GatewayMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
    }

    /** @param open how many connections are open now, read at each scrape */
    public void connections(Supplier<Number> open) {
        Gauge.builder(CONNECTIONS, open, supplier -> supplier.get().doubleValue())
                .description("open WebSocket connections")
                // a gauge holds its object weakly, and nothing else holds this supplier
                .strongReference(true)
                .register(registry);
    }

    /** @param type the frame's type, {@code null} when it had none that the protocol knows */
    public void frameIn(String type) {
        framesIn.getOrDefault(type == null ? INVALID : type, framesIn.get(INVALID)).increment();
    }

    /** Called by a connection's writer once a frame is on its socket. */
    public void frameWritten(TextMessage frame) {
        framesOut.getOrDefault(typeOf(frame.getPayload()), framesOut.get(OTHER)).increment();
    }

    /**
     * What to run once a delivery is on one recipient's socket.
     *
     * @param sentAt when the message was accepted, for the latency; {@code null} for deliveries that are not a
     *               new message (answers, membership, history), which count but are not timed
     */
    public Runnable deliveryWritten(Instant sentAt) {
        if (sentAt == null) {
            return deliveries::increment;
        }
        return () -> {
            deliveries.increment();
            Duration latencyNow = Duration.between(sentAt, clock.instant());
            // another gateway's clock may be ahead of ours
            latency.record(latencyNow.isNegative() ? Duration.ZERO : latencyNow);
        };
    }

    /** @param source {@code gateway} or {@code processor} */
    public void rejected(String code, String source) {
        String tag = isErrorCode(code) ? code : OTHER;
        rejects.computeIfAbsent(tag + '/' + source, key -> Counter.builder(REJECTS)
                .description("SYSTEM:ERROR answers sent to this gateway's connections")
                .tag("code", tag)
                .tag("source", source)
                .register(registry)).increment();
    }

    static String typeOf(String payload) {
        if (!payload.startsWith(TYPE_PREFIX)) {
            return OTHER;
        }
        int end = payload.indexOf('"', TYPE_PREFIX.length());
        return end < 0 ? OTHER : payload.substring(TYPE_PREFIX.length(), end);
    }

    private static boolean isErrorCode(String code) {
        return code != null && Arrays.stream(ErrorCode.values()).anyMatch(known -> known.name().equals(code));
    }

    /** One counter per known type and one for the rest, made up front so a frame never registers a meter. */
    private Map<String, Counter> counters(String name, String description, Stream<String> types, String rest) {
        return Stream.concat(types, Stream.of(rest))
                .collect(Collectors.toUnmodifiableMap(Function.identity(), type -> Counter.builder(name)
                        .description(description)
                        .tag("type", type)
                        .register(registry)));
    }
}
