package dev.chorus.standalone;

import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chorus.gateway.kafka.deliveries-isolation} on real parts: gateway 0 keeps the default
 * ({@code read_committed}), gateway 1 reads {@code read_uncommitted}. What the processor's transactions write is
 * stood in for by a transactional producer of the test's own, so that a transaction can be held open and aborted.
 */
@ExtendWith(TestKafka.Available.class)
class DeliveriesIsolationIT {

    private static final String NOTE = ServerEventType.PROFILE_REFRESHED.wireName();

    @TempDir
    static Path dataDir;

    private static ChorusCluster chorus;
    private static int uncommitted;

    @BeforeAll
    static void startChorus() {
        chorus = ChorusCluster.start(dataDir, 1);
        uncommitted = chorus.addGateway("--chorus.gateway.kafka.deliveries-isolation=read_uncommitted");
    }

    @AfterAll
    static void stopChorus() {
        chorus.close();
    }

    @Test
    void anOpenTransactionReachesOnlyTheUncommittedReaderAndAnAbortedOneNeverTheCommittedOne() throws Exception {
        WsClient patient = chorus.connect(0, "carol");
        WsClient eager = chorus.connect(uncommitted, "carol");

        try (KafkaProducer<String, Delivery> processor = transactionalProducer()) {
            processor.initTransactions();
            processor.beginTransaction();
            processor.send(note("carol", "aborted")).get();
            // still open: only the read_uncommitted gateway may push it
            eager.await(NOTE, d -> d.get("note").asString().equals("aborted"));
            processor.abortTransaction();

            processor.beginTransaction();
            processor.send(note("carol", "committed")).get();
            processor.commitTransaction();
        }

        // same key, same partition: once the committed note has arrived, the aborted one before it was passed over
        patient.await(NOTE, d -> d.get("note").asString().equals("committed"));
        eager.await(NOTE, d -> d.get("note").asString().equals("committed"));
        assertThat(notes(patient)).containsExactly("committed");
        assertThat(notes(eager)).containsExactly("aborted", "committed");
    }

    @Test
    void membersOfAReadUncommittedGatewayChatAsUsual() throws Exception {
        WsClient dora = chorus.connect(uncommitted, "dora");
        WsClient ed = chorus.connect(0, "ed");
        String groupId = dora.createGroup("Quick");
        ed.send("GROUP:JOIN_GROUP", Map.of("groupId", groupId));
        dora.await("GROUP:USER_JOINED", d -> d.get("member").get("userId").asString().equals("ed"));

        for (int i = 1; i <= 3; i++) {
            ed.send("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", "message " + i,
                    "clientMessageId", "ed-" + i));
        }
        dora.await("CHAT:MESSAGE_RETURN_TEXT", d -> d.get("seq").asLong() == 3);
        assertThat(dora.frames("CHAT:MESSAGE_RETURN_TEXT")).extracting(m -> m.get("text").asString())
                .containsExactly("message 1", "message 2", "message 3");
    }

    private static ProducerRecord<String, Delivery> note(String userId, String note) {
        return new ProducerRecord<>(Topics.DELIVERIES.name(), userId,
                new Delivery(new Audience.User(userId), Envelope.of(ServerEventType.PROFILE_REFRESHED, Map.of("note", note))));
    }

    private static List<String> notes(WsClient client) {
        return client.frames(NOTE).stream().map(d -> d.get("note")).filter(n -> n != null)
                .map(JsonNode::asString).toList();
    }

    private static KafkaProducer<String, Delivery> transactionalProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, chorus.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "deliveries-isolation-it"),
                Topics.DELIVERIES.keySerde().serializer(), Topics.DELIVERIES.valueSerde().serializer());
    }
}
