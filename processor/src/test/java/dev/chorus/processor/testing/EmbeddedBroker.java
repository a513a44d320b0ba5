package dev.chorus.processor.testing;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real single-node KRaft broker for one test class ({@code @RegisterExtension static}), set up so that
 * exactly-once streams can start, with what the processor's tests do against it: start a processor on it and
 * write a command as a gateway would.
 */
public final class EmbeddedBroker implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafkaKraftBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        // one node: the internal topics cannot have the three replicas they ask for by default; and a lone
        // consumer group member need not wait 3 s for others to join
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        broker.destroy();
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /**
     * Arguments for {@code ProcessorApplication.application().run(...)}: a processor of its own application id
     * and state on this broker, one partition per topic, no standby, its web server on a free port; then
     * {@code more}.
     */
    public String[] processorArgs(String applicationId, Path stateDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.main.banner-mode=off",
                "--chorus.kafka.bootstrap-servers=" + bootstrapServers(),
                "--chorus.kafka.topic-partitions=1",
                "--chorus.kafka.replication-factor=1",
                "--chorus.processor.application-id=" + applicationId,
                "--chorus.processor.num-standby-replicas=0",
                "--chorus.processor.state-dir=" + stateDir));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Writes a command of {@code userId}, issued now, to {@code chorus.commands} and waits for the ack. */
    public void send(String userId, CommandBody body) throws Exception {
        Command command = new Command(UUID.randomUUID().toString(), new Actor(userId, userId, null),
                new ReplyTo("gw-test", "c-1"), Instant.now(), body);
        try (KafkaProducer<String, Command> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                Topics.COMMANDS.keySerde().serializer(), Topics.COMMANDS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), command.key(), command)).get();
        }
    }
}
