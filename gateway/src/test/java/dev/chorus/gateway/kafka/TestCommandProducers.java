package dev.chorus.gateway.kafka;

import dev.chorus.command.Command;
import org.apache.kafka.clients.producer.Producer;

import java.time.Clock;

/** Command producers for tests of other packages, which cannot reach the package-private constructor. */
public final class TestCommandProducers {

    private TestCommandProducers() {
    }

    public static CommandProducer over(Producer<String, Command> producer, String gatewayId, Clock clock) {
        return new CommandProducer(producer, gatewayId, clock);
    }
}
