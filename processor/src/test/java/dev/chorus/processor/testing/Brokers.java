package dev.chorus.processor.testing;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/** A real single-node KRaft broker for a test class, set up so that exactly-once streams can start. */
public final class Brokers {

    private Brokers() {
    }

    /** Started; the caller destroys it. */
    public static EmbeddedKafkaKraftBroker started() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // one node: the internal topics cannot have the three replicas they ask for by default; and a lone
        // consumer group member need not wait 3 s for others to join
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return broker;
    }
}
