package dev.chorus.gateway.delivery;

import dev.chorus.delivery.Delivery;
import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.kafka.WholeTopicReader;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Reads every partition of {@code chorus.deliveries} and routes each delivery to the local connections in its
 * audience, positioned before the web server opens so that no reply to a connection's first request is missed.
 */
class DeliveryReader extends WholeTopicReader<Delivery> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReader.class);

    private final DeliveryRouter router;

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
            router.route(record.value());
        } catch (RuntimeException e) {
            // One bad delivery must not cost every other connection the ones after it.
            log.error("could not route the delivery at {}-{} offset {}", record.topic(), record.partition(),
                    record.offset(), e);
        }
    }
}
