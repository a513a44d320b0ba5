package dev.chorus.processor.group;

import dev.chorus.delivery.Delivery;
import dev.chorus.event.DomainEvent;
import dev.chorus.protocol.Problem;

import java.util.List;

/** What {@code decide} concluded: the events to append and the deliveries to send, or a refusal. */
public sealed interface Decision {

    List<DomainEvent> events();

    List<Delivery> deliveries();

    /** Queries are accepted decisions with no events. */
    record Accepted(List<DomainEvent> events, List<Delivery> deliveries) implements Decision {
        public Accepted {
            events = List.copyOf(events);
            deliveries = List.copyOf(deliveries);
        }
    }

    /** Changes nothing; the asking connection alone is told why by {@code reply}, a {@code SYSTEM:ERROR}. */
    record Rejected(Problem problem, Delivery reply) implements Decision {
        @Override
        public List<DomainEvent> events() {
            return List.of();
        }

        @Override
        public List<Delivery> deliveries() {
            return List.of(reply);
        }
    }
}
