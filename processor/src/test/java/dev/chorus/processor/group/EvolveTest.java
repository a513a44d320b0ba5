package dev.chorus.processor.group;

import dev.chorus.event.DomainEvent;
import dev.chorus.protocol.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.chorus.processor.group.Given.GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Folding events into a group's state, as replay from {@code chorus.events} does. */
class EvolveTest {

    private static GroupState replay(List<DomainEvent> events) {
        return GroupAggregate.evolveAll(GroupState.NONE, events);
    }

    @Test
    void membersStayInJoiningOrderAndAreCounted() {
        GroupState state = replay(Given.group("alice", "bob", "carol"));

        assertThat(state.memberIds()).containsExactly("alice", "bob", "carol");
        assertThat(state.group().memberCount()).isEqualTo(3);
    }

    @Test
    void leavingRemovesTheMemberAndLowersTheCount() {
        List<DomainEvent> events = new ArrayList<>(Given.group("alice", "bob", "carol"));
        events.add(Given.left("bob"));

        GroupState state = replay(events);

        assertThat(state.memberIds()).containsExactly("alice", "carol");
        assertThat(state.group().memberCount()).isEqualTo(2);
    }

    @Test
    void ownershipTransferredMakesTheNewOwner() {
        List<DomainEvent> events = new ArrayList<>(Given.group("alice", "bob"));
        events.add(Given.left("alice"));
        events.add(new DomainEvent.OwnershipTransferred(GROUP, "alice", "bob", Given.at(50)));

        GroupState state = replay(events);

        assertThat(state.member("bob")).get().extracting(m -> m.role()).isEqualTo(Role.OWNER);
    }

    @Test
    void messagesLeaveTheGroupStateAsItWas() {
        GroupState before = replay(Given.group("alice"));

        assertThat(GroupAggregate.evolve(before, Given.posted(1, "alice", null))).isEqualTo(before);
    }

    @Test
    void aDeletedGroupIsKnownButNotLive() {
        List<DomainEvent> events = new ArrayList<>(Given.group("alice", "bob"));
        events.add(Given.deleted("alice"));

        GroupState state = replay(events);

        assertThat(state.live()).isFalse();
        assertThat(state.known()).isTrue();
        assertThat(state.members()).isEmpty();
    }

    @Test
    void anEventForAGroupThatDoesNotExistIsABug() {
        assertThatThrownBy(() -> GroupAggregate.evolve(GroupState.NONE, Given.joined("bob", Role.MEMBER, 1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
