package dev.chorus.gateway.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kafka} in {@code /actuator/health/readiness}: whether this gateway can serve, as far as Kafka goes.
 * DOWN until every reader (deliveries, typing) is positioned at the end of its topic, while the readers have
 * heard nothing from any broker for {@code unreachable-after}, and while the latest command write failed (for
 * up to {@code write-failure-window}). Everything it reads is state the clients' threads keep: a probe never
 * waits for Kafka.
 */
final class KafkaHealthIndicator implements HealthIndicator {

    private final List<WholeTopicReader<?>> readers;
    private final CommandProducer commands;
    private final KafkaHealthProperties properties;

    KafkaHealthIndicator(List<WholeTopicReader<?>> readers, CommandProducer commands,
                         KafkaHealthProperties properties) {
        this.readers = List.copyOf(readers);
        this.commands = commands;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        String down = null;
        for (WholeTopicReader<?> reader : readers) {
            WholeTopicReader.Health state = reader.health();
            details.put(state.what(), Map.of(
                    "positioned", state.positioned(),
                    "sinceLastResponse", state.sinceLastResponse().toString()));
            if (down == null && !state.positioned()) {
                down = "the " + state.what() + " reader is not positioned";
            } else if (down == null && state.sinceLastResponse().compareTo(properties.unreachableAfter()) > 0) {
                down = "no response from Kafka for " + state.sinceLastResponse().toSeconds() + "s";
            }
        }
        CommandProducer.LastWrite last = commands.lastWrite().orElse(null);
        if (last != null) {
            Duration age = Duration.ofNanos(System.nanoTime() - last.atNanos());
            details.put("lastCommandWrite", last.failed()
                    ? Map.of("failed", true, "ago", age.toString(), "error", last.error())
                    : Map.of("failed", false));
            if (down == null && last.failed() && age.compareTo(properties.writeFailureWindow()) < 0) {
                down = "the latest command write failed";
            }
        }
        if (down != null) {
            details.put("reason", down);
            return Health.down().withDetails(details).build();
        }
        return Health.up().withDetails(details).build();
    }
}
