package dev.chorus.gateway;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/**
 * One real KRaft broker for every integration test of the JVM: starting a broker costs seconds of the two
 * cores the tests have, and each test class uses its own user ids, so sharing it costs nothing in isolation.
 */
final class SharedBroker {

    private static EmbeddedKafkaKraftBroker broker;

    private SharedBroker() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
            // A single broker cannot hold the three replicas Kafka wants for its internal topics by default.
            started.brokerProperties(Map.of(
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "offsets.topic.replication.factor", "1"));
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-shutdown"));
            broker = started;
        }
        return broker.getBrokersAsString();
    }
}
