package dev.chorus.gateway.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.List;

/**
 * {@code kafkaReaders} in {@code /actuator/health/liveness}: DOWN once a reader has stopped by itself. Such a
 * gateway still accepts frames but pushes nothing more of that topic, and nothing in it restarts the reader:
 * the process must be replaced. Kafka being away is not this: the readers wait for it.
 */
final class KafkaReadersHealthIndicator implements HealthIndicator {

    private final List<WholeTopicReader<?>> readers;

    KafkaReadersHealthIndicator(List<WholeTopicReader<?>> readers) {
        this.readers = List.copyOf(readers);
    }

    @Override
    public Health health() {
        List<String> failed = readers.stream()
                .map(WholeTopicReader::health)
                .filter(WholeTopicReader.Health::failed)
                .map(WholeTopicReader.Health::what)
                .toList();
        return failed.isEmpty() ? Health.up().build() : Health.down().withDetail("stopped", failed).build();
    }
}
