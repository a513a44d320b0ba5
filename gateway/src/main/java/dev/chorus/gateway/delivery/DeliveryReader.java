package dev.chorus.gateway.delivery;

import dev.chorus.delivery.Delivery;
import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.kafka.WholeTopicReader;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads every partition of {@code chorus.deliveries} and routes each delivery to the local connections in its
 * audience, positioned before the web server opens so that no reply to a connection's first request is missed.
 *
 * <p>The frames of one poll's deliveries are queued on their connections first and written after: each
 * connection's writer is then woken once per poll, not once per frame, and writes what it has been given in as
 * few socket writes as it can. A long poll (a backlog) is written every {@value #FLUSH_EVERY} deliveries, so that
 * the first of them do not wait for the last.
 */
class DeliveryReader extends WholeTopicReader<Delivery> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReader.class);

    static final int FLUSH_EVERY = 50;

    private final DeliveryRouter router;
    /** The connections given frames since the last flush; touched only by the reader's thread. */
    private final Set<Connection> held = new HashSet<>();
    private int deliveriesHeld;

    DeliveryReader(Supplier<Consumer<String, Delivery>> consumers, DeliveryRouter router,
                   GatewayProperties.Kafka settings) {
        super("deliveries", Topics.DELIVERIES, consumers, settings.deliveriesPollTimeout(), settings.startupTimeout());
        this.router = router;
    }

    @Override
    protected void handle(ConsumerRecord<String, Delivery> record) {
        if (record.value() == null) {
            log.error("skipping an empty delivery at {}-{} offset {}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        try {
            router.route(record.value(), held);
        } catch (RuntimeException e) {
            // One bad delivery must not cost every other connection the ones after it.
            log.error("could not route the delivery at {}-{} offset {}", record.topic(), record.partition(),
                    record.offset(), e);
        }
        if (++deliveriesHeld >= FLUSH_EVERY) {
            flushHeld();
        }
    }

    @Override
    protected void polled() {
        flushHeld();
    }

    /** Starts writing every frame held since the last flush. */
    private void flushHeld() {
        held.forEach(Connection::flush);
        held.clear();
        deliveriesHeld = 0;
    }
}
