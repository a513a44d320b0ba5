package dev.chorus.processor.topology;

import dev.chorus.delivery.Delivery;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.user.UserInput;
import dev.chorus.protocol.Group;

/** What deciding one command produces, each kind routed to its own topic. */
sealed interface Output {

    record Event(DomainEvent event) implements Output {
    }

    record Send(Delivery delivery) implements Output {
    }

    /** A group's directory entry; {@code group} is {@code null} once the group is deleted (a tombstone). */
    record DirectoryEntry(Group group) implements Output {
    }

    /** For the user aggregate, on the user's partition of the topic repartitioned by user. */
    record ToUser(UserInput input) implements Output {
    }
}
