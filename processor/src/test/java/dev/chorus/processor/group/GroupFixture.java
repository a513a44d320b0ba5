package dev.chorus.processor.group;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Delivery;
import dev.chorus.event.DomainEvent;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import dev.chorus.processor.testing.Commands;
import dev.chorus.topic.Json;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given events, when a command, then events and deliveries: the aggregate test fixture of AxonIQ's
 * giftcard-demo, for a pure {@code decide}/{@code evolve} pair.
 */
final class GroupFixture {

    static final int MAX_TEXT_CHARS = 4_000;

    private final GroupAggregate aggregate = new GroupAggregate(MAX_TEXT_CHARS);
    private final InMemoryLookups lookups = new InMemoryLookups();
    private GroupState state = GroupState.NONE;

    GroupFixture given(DomainEvent... events) {
        return given(List.of(events));
    }

    GroupFixture given(List<DomainEvent> events) {
        for (DomainEvent event : events) {
            state = GroupAggregate.evolve(state, event);
            lookups.apply(event);
        }
        return this;
    }

    GroupFixture givenDirectory(Group... groups) {
        for (Group group : groups) {
            lookups.addToDirectory(group);
        }
        return this;
    }

    Then when(Command command) {
        return new Then(command, aggregate.decide(command, state, lookups), state);
    }

    record Then(Command command, Decision decision, GroupState stateBefore) {

        Then expectEvents(DomainEvent... events) {
            assertThat(decision).isInstanceOf(Decision.Accepted.class);
            assertThat(decision.events()).containsExactly(events);
            return this;
        }

        Then expectNoEvents() {
            assertThat(decision.events()).isEmpty();
            return this;
        }

        Then expectDeliveries(Delivery... deliveries) {
            assertThat(decision.deliveries()).containsExactly(deliveries);
            return this;
        }

        /** The state after the decision's events, for checks the events alone do not make obvious. */
        GroupState stateAfter() {
            return GroupAggregate.evolveAll(stateBefore, decision.events());
        }

        /** Refused with this code, nothing changed, and the asking connection alone told why. */
        Then expectRejected(ErrorCode code) {
            assertThat(decision).isInstanceOf(Decision.Rejected.class);
            assertThat(((Decision.Rejected) decision).problem().code()).isEqualTo(code);
            assertThat(decision.events()).isEmpty();
            assertThat(decision.deliveries()).hasSize(1);
            Delivery reply = decision.deliveries().get(0);
            assertThat(reply.audience()).isEqualTo(Commands.connectionOf(command.actor().userId()));
            assertThat(reply.frame().type()).isEqualTo(ServerEventType.ERROR.wireName());
            ServerPayload.Error error = error();
            assertThat(error.code()).isEqualTo(code);
            assertThat(error.message()).isNotBlank();
            assertThat(error.requestType()).isEqualTo(command.body().requestType().wireName());
            assertThat(error.groupId()).isEqualTo(
                    command.body() instanceof CommandBody.GroupCommand g ? g.groupId() : null);
            return this;
        }

        ServerPayload.Error error() {
            Envelope frame = decision.deliveries().get(0).frame();
            return Json.mapper().treeToValue(frame.data(), ServerPayload.Error.class);
        }
    }
}
