package dev.chorus.gateway;

import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.protocol.Envelope;
import dev.chorus.topic.Json;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Deliveries written to Kafka reach exactly the local connections of their audience. */
class DeliveryIntegrationTest extends RunningGatewayTest {

    @Test
    void eachDeliveryReachesExactlyItsAudienceAndAbortedOnesNobody() {
        Client alice1 = connect("d-alice", "Alice");
        Client alice2 = connect("d-alice", "Alice");
        Client bob = connect("d-bob", "Bob");
        Client carol = connect("d-carol", "Carol");

        try (KafkaProducer<String, Delivery> deliveries = transactionalDeliveriesProducer()) {
            deliveries.initTransactions();
            deliveries.beginTransaction();
            deliveries.send(delivery(new Audience.Everyone(), "TEST:ABORTED"));
            deliveries.abortTransaction();

            deliveries.beginTransaction();
            deliveries.send(delivery(new Audience.Users(List.of("d-alice", "d-bob", "d-nobody")), "TEST:USERS"));
            deliveries.send(delivery(new Audience.User("d-bob"), "TEST:USER"));
            deliveries.send(delivery(new Audience.Connection(gatewayId(), alice2.connectionId()), "TEST:CONNECTION"));
            deliveries.send(delivery(new Audience.Connection("gw-elsewhere", alice1.connectionId()), "TEST:ELSEWHERE"));
            deliveries.send(delivery(new Audience.Everyone(), "TEST:EVERYONE"));
            deliveries.commitTransaction();
        }

        // One key keeps them in order on one partition, so EVERYONE, the last, closes what each one received.
        assertFrames(alice1, "TEST:USERS", "TEST:EVERYONE");
        assertFrames(alice2, "TEST:USERS", "TEST:CONNECTION", "TEST:EVERYONE");
        assertFrames(bob, "TEST:USERS", "TEST:USER", "TEST:EVERYONE");
        assertFrames(carol, "TEST:EVERYONE");
    }

    @Test
    void anUnreadableDeliveryIsSkippedAndTheOnesAfterItStillArrive() {
        Client ivan = connect("ivan", "Ivan");
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.DELIVERIES.name(), 0, null, bytes("not a delivery")));
            raw.send(new ProducerRecord<>(Topics.DELIVERIES.name(), 0, null,
                    bytes("{\"audience\":{\"kind\":\"martians\"},\"frame\":{\"type\":\"TEST:MARS\",\"data\":{}}}")));
            raw.send(new ProducerRecord<>(Topics.DELIVERIES.name(), 0, null, bytes(Json.mapper().writeValueAsString(
                    new Delivery(new Audience.User("ivan"), new Envelope("TEST:AFTER", Json.mapper().createObjectNode()))))));
        }

        assertFrames(ivan, "TEST:AFTER");
    }

    @Test
    void aFrameReachesEveryRecipientIntactWhateverItsCharactersAndLength() {
        Client erin1 = connect("d-erin", "Erin");
        Client erin2 = connect("d-erin", "Erin");
        Client frank = connect("d-frank", "Frank");
        // two- three- and four-byte characters, and far longer than the gateway's 1 KB socket buffers
        String text = "café 日本語 😀 \"quoted\" \\ ".repeat(300);

        try (KafkaProducer<String, Delivery> deliveries = transactionalDeliveriesProducer()) {
            deliveries.initTransactions();
            deliveries.beginTransaction();
            deliveries.send(new ProducerRecord<>(Topics.DELIVERIES.name(), "test-key", new Delivery(
                    new Audience.Users(List.of("d-erin", "d-frank")),
                    new Envelope("TEST:UNICODE", Json.mapper().createObjectNode().put("text", text)))));
            deliveries.commitTransaction();
        }

        for (Client client : List.of(erin1, erin2, frank)) {
            assertThat(client.socket().next("TEST:UNICODE").path("text").asString()).isEqualTo(text);
        }
    }

    /**
     * One transaction's deliveries reach the gateway in one poll and are written to each connection together,
     * batched into its 1 KB output buffer: short frames share a socket write, long ones straddle several.
     */
    @Test
    void aBurstOfFramesOfEveryLengthArrivesIntactAndInOrder() {
        Client gina1 = connect("d-gina", "Gina");
        Client gina2 = connect("d-gina", "Gina");
        int frames = 120;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            texts.add(i + " " + "é日😀x".repeat((i * 37) % 400));
        }

        try (KafkaProducer<String, Delivery> deliveries = transactionalDeliveriesProducer()) {
            deliveries.initTransactions();
            deliveries.beginTransaction();
            for (String text : texts) {
                deliveries.send(new ProducerRecord<>(Topics.DELIVERIES.name(), "test-key", new Delivery(
                        new Audience.User("d-gina"),
                        new Envelope("TEST:BURST", Json.mapper().createObjectNode().put("text", text)))));
            }
            deliveries.commitTransaction();
        }

        for (Client client : List.of(gina1, gina2)) {
            for (String text : texts) {
                assertThat(client.socket().next("TEST:BURST").path("text").asString()).isEqualTo(text);
            }
        }
    }

    private static void assertFrames(Client client, String... types) {
        for (String type : types) {
            client.socket().next(type);
        }
    }

    private static ProducerRecord<String, Delivery> delivery(Audience audience, String type) {
        return new ProducerRecord<>(Topics.DELIVERIES.name(), "test-key",
                new Delivery(audience, new Envelope(type, Json.mapper().createObjectNode().put("n", type))));
    }

    private static KafkaProducer<String, Delivery> transactionalDeliveriesProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-deliveries-" + UUID.randomUUID()),
                Topics.DELIVERIES.keySerde().serializer(), Topics.DELIVERIES.valueSerde().serializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
