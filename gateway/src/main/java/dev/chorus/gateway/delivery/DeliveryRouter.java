package dev.chorus.gateway.delivery;

import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.connection.ConnectionRegistry;
import dev.chorus.gateway.connection.Frames;
import dev.chorus.gateway.metrics.GatewayMetrics;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.topic.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.TextMessage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Pushes a delivery to the connections of this gateway that are in its audience. */
final class DeliveryRouter {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRouter.class);

    private final ConnectionRegistry registry;
    private final String gatewayId;
    /** The frames whose {@code sentAt} starts a delivery's latency: a new message, fanned out to members. */
    private static final Set<String> NEW_MESSAGES = Set.of(ServerEventType.MESSAGE_RETURN_TEXT.wireName(),
            ServerEventType.MESSAGE_RETURN_IMAGE.wireName(), ServerEventType.MESSAGE_RETURN_AUDIO.wireName(),
            ServerEventType.MESSAGE_RETURN_GIF.wireName());

    private final List<DeliveryObserver> observers;
    private final GatewayMetrics metrics;

    DeliveryRouter(ConnectionRegistry registry, String gatewayId) {
        this(registry, gatewayId, List.of());
    }

    DeliveryRouter(ConnectionRegistry registry, String gatewayId, List<DeliveryObserver> observers) {
        this(registry, gatewayId, observers, GatewayMetrics.unregistered());
    }

    DeliveryRouter(ConnectionRegistry registry, String gatewayId, List<DeliveryObserver> observers,
                   GatewayMetrics metrics) {
        this.registry = registry;
        this.gatewayId = gatewayId;
        this.observers = List.copyOf(observers);
        this.metrics = metrics;
    }

    /** @return how many connections the delivery was pushed to */
    int route(Delivery delivery) {
        Set<Connection> held = new HashSet<>();
        int routed = route(delivery, held);
        held.forEach(Connection::flush);
        return routed;
    }

    /**
     * Queues the delivery's frame on each recipient without writing it yet ({@link Connection#hold}), adding the
     * recipients to {@code held}, whose connections the caller must {@link Connection#flush()}.
     *
     * @return how many connections the delivery was pushed to
     */
    int route(Delivery delivery, Set<Connection> held) {
        if (delivery.audience() == null || delivery.frame() == null) {
            throw new IllegalArgumentException("a delivery without an audience or a frame: " + delivery);
        }
        observers.forEach(observer -> observe(observer, delivery));
        Collection<Connection> recipients = recipients(delivery.audience());
        if (recipients.isEmpty()) {
            return 0;
        }
        // Serialized once, however many recipients: a large group costs one encoding, not one per member.
        TextMessage frame = Frames.text(delivery.frame());
        Runnable written = metrics.deliveryWritten(sentAt(delivery));
        for (Connection connection : recipients) {
            connection.hold(frame, written);
            held.add(connection);
        }
        if (ServerEventType.ERROR.wireName().equals(delivery.frame().type())) {
            metrics.rejected(delivery.frame().data().path("code").asString(), "processor");
        }
        return recipients.size();
    }

    /**
     * When a new message was accepted, for its delivery latency; null for every other delivery. A duplicate
     * send's answer carries the original message (and its old {@code sentAt}) to one connection, so only the
     * fan-out to the members counts.
     */
    private static Instant sentAt(Delivery delivery) {
        if (!(delivery.audience() instanceof Audience.Users) || !NEW_MESSAGES.contains(delivery.frame().type())
                || delivery.frame().data() == null) {
            return null;
        }
        try {
            return Json.instant(delivery.frame().data().path("sentAt").asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An observer that fails must cost neither the delivery's recipients nor the other observers. */
    private static void observe(DeliveryObserver observer, Delivery delivery) {
        try {
            observer.observe(delivery);
        } catch (RuntimeException e) {
            log.error("{} failed on a {} delivery; it is routed all the same", observer, delivery.frame().type(), e);
        }
    }

    Collection<Connection> recipients(Audience audience) {
        if (audience instanceof Audience.Users users) {
            Set<Connection> connections = new LinkedHashSet<>();
            users.userIds().forEach(userId -> connections.addAll(registry.ofUser(userId)));
            return connections;
        }
        if (audience instanceof Audience.User user) {
            return registry.ofUser(user.userId());
        }
        if (audience instanceof Audience.Connection connection) {
            return gatewayId.equals(connection.gatewayId())
                    ? registry.byId(connection.connectionId()).map(List::of).orElse(List.of())
                    : List.of();
        }
        if (audience instanceof Audience.Everyone) {
            return registry.all();
        }
        throw new IllegalArgumentException("an audience this gateway does not know: " + audience);
    }
}
