package dev.chorus.gateway.kafka;

import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.KafkaSettings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.Map;

/**
 * The configuration of every Kafka client of the gateway, in one pure place so that a test can hold the
 * guarantees in place: commands are written idempotently and acknowledged by every in-sync replica, and
 * only committed deliveries are read (the processor writes them in exactly-once transactions; an aborted
 * transaction's deliveries must never reach a client) unless {@code chorus.gateway.kafka.deliveries-isolation}
 * says otherwise.
 */
public final class KafkaClientConfig {

    private final KafkaSettings kafka;
    private final GatewayProperties gateway;

    public KafkaClientConfig(KafkaSettings kafka, GatewayProperties gateway) {
        this.kafka = kafka;
        this.gateway = gateway;
    }

    public Map<String, Object> admin() {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, gateway.id() + "-admin");
    }

    public Map<String, Object> commandProducer() {
        GatewayProperties.Kafka tuning = gateway.kafka();
        long linger = tuning.producerLinger().toMillis();
        long deliveryTimeout = tuning.sendTimeout().toMillis();
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, gateway.id() + "-commands",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // The idempotent producer keeps a partition's order through retries only up to five batches in
                // flight; a connection's sends (to one group, one partition) then land in the order sent.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, linger,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, tuning.producerMaxBlock().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, deliveryTimeout),
                // Kafka refuses a delivery timeout shorter than linger plus one request.
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, deliveryTimeout - linger));
    }

    /**
     * Typing signals: idempotent, so a retry never shows a start twice, and given up once they would arrive
     * too late to mean anything. No transactions: a signal belongs to no other write.
     *
     * @param giveUpAfter how long a signal may take to be acknowledged: the typing timeout
     */
    public Map<String, Object> typingProducer(Duration giveUpAfter) {
        GatewayProperties.Kafka tuning = gateway.kafka();
        long linger = tuning.producerLinger().toMillis();
        long deliveryTimeout = Math.max(giveUpAfter.toMillis(), linger + 1);
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, gateway.id() + "-typing",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, linger,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, tuning.producerMaxBlock().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, deliveryTimeout),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, deliveryTimeout - linger));
    }

    /** Like the deliveries: every partition, no group, from the end; typing has no transactions to wait for. */
    public Map<String, Object> ephemeralConsumer() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, gateway.id() + "-ephemeral",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    }

    /**
     * No group id: every gateway reads every partition from its own position, and nothing is committed
     * because a restarted gateway has no connections that could want what it missed.
     */
    public Map<String, Object> deliveriesConsumer() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, gateway.id() + "-deliveries",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, gateway.kafka().deliveriesIsolation().toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    }
}
