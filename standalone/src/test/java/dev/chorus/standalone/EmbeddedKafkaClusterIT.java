package dev.chorus.standalone;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three KRaft nodes in one JVM: any one can die and come back while acks=all writes go on. */
class EmbeddedKafkaClusterIT {

    @TempDir
    Path dataDir;

    @Test
    void writesSurviveOneNodeKilledAndRestarted() throws Exception {
        List<Integer> ports = IntStream.range(0, 6).mapToObj(i -> FreePorts.next()).toList();
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dataDir, 3, ports);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic("t", 3, (short) -1))).all().get(30, TimeUnit.SECONDS);
            // Creating returns once the controller has committed the topic; the node asked next may not have
            // applied it yet and answer UNKNOWN_TOPIC_OR_PARTITION, so the description is asked again until then.
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptionsMatching(e -> e.getCause() instanceof UnknownTopicOrPartitionException)
                    .untilAsserted(() -> assertThat(
                            admin.describeTopics(Set.of("t")).allTopicNames().get().get("t").partitions())
                            .hasSize(3)
                            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3)));
            var brokerConfig = admin.describeConfigs(Set.of(new ConfigResource(ConfigResource.Type.BROKER, "1")))
                    .all().get().values().iterator().next();
            assertThat(brokerConfig.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(brokerConfig.get("transaction.state.log.replication.factor").value()).isEqualTo("3");
            assertThat(brokerConfig.get("transaction.state.log.min.isr").value()).isEqualTo("2");
            assertThat(brokerConfig.get("offsets.topic.replication.factor").value()).isEqualTo("3");

            producer.send(new ProducerRecord<>("t", "k", "before")).get(30, TimeUnit.SECONDS);
            kafka.kill(1);
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("t", Integer.toString(i), "during")).get(60, TimeUnit.SECONDS);
            }
            kafka.restart(1);
            producer.send(new ProducerRecord<>("t", "k", "after")).get(30, TimeUnit.SECONDS);
            assertThat(admin.describeCluster().nodes().get()).hasSize(3);
        }
    }
}
