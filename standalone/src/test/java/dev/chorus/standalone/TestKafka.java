package dev.chorus.standalone;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Path;

/**
 * The broker an end-to-end test runs on, chosen by the system property {@value #PROPERTY}:
 * {@code embedded} (the default: a KRaft node in this JVM, as the standalone runs it) or {@code testcontainers}
 * (the official {@value #IMAGE} image in a container). With {@code testcontainers} and no Docker engine
 * answering, the tests are skipped rather than failed, so the flag is safe anywhere: a class marked
 * {@code @ExtendWith(TestKafka.Available.class)} is skipped whole, before its {@code @BeforeAll}; elsewhere
 * {@link #start} skips through a JUnit assumption.
 *
 * <pre>./mvnw -pl standalone verify -Dchorus.test.kafka=testcontainers</pre>
 */
abstract class TestKafka implements AutoCloseable {

    static final String PROPERTY = "chorus.test.kafka";
    static final String IMAGE = "apache/kafka:4.2.1";

    abstract String bootstrapServers();

    @Override
    public abstract void close();

    private static final String NO_ENGINE = PROPERTY + "=testcontainers, but no Docker engine answers here: "
            + "skipped. Without the property the same tests run on an embedded broker.";

    /** A started broker of the kind the property asks for; {@code dataDir} holds the embedded one's log. */
    static TestKafka start(Path dataDir) {
        if (!inContainer()) {
            return new Embedded(EmbeddedKafkaBroker.start(dataDir, FreePorts.next(), FreePorts.next()));
        }
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(), NO_ENGINE);
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new Container(container);
    }

    private static boolean inContainer() {
        String kind = System.getProperty(PROPERTY, "embedded");
        if (!kind.equals("embedded") && !kind.equals("testcontainers")) {
            throw new IllegalArgumentException(PROPERTY + " is 'embedded' or 'testcontainers', not '" + kind + "'");
        }
        return kind.equals("testcontainers");
    }

    /** Skips a whole test class when its broker cannot be had here. */
    static final class Available implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (inContainer() && !DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.disabled(NO_ENGINE);
            }
            return ConditionEvaluationResult.enabled("a broker: " + System.getProperty(PROPERTY, "embedded"));
        }
    }

    private static final class Embedded extends TestKafka {

        private final EmbeddedKafkaBroker broker;

        Embedded(EmbeddedKafkaBroker broker) {
            this.broker = broker;
        }

        @Override
        String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public void close() {
            broker.close();
        }
    }

    private static final class Container extends TestKafka {

        private final KafkaContainer container;

        Container(KafkaContainer container) {
            this.container = container;
        }

        @Override
        String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
