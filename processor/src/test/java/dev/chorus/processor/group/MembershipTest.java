package dev.chorus.processor.group;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chorus.processor.group.Given.GROUP;
import static dev.chorus.processor.testing.Commands.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Joining and leaving groups: given events, when a command, then events and deliveries. */
class MembershipTest {

    private final GroupFixture fixture = new GroupFixture();
    private final Commands commands = new Commands();

    private static Delivery toUsers(List<String> users, ServerEventType type, Object data) {
        return new Delivery(new Audience.Users(users), Envelope.of(type, data));
    }

    @Nested
    class JoinGroup {

        @Test
        void aNewMemberJoinsAndEveryMemberHearsIncludingTheJoiner() {
            Command join = commands.by("bob", new CommandBody.JoinGroup(GROUP));
            Member bob = member("bob", Role.MEMBER, join.issuedAt());

            fixture.given(Given.group("alice"))
                    .when(join)
                    .expectEvents(new DomainEvent.MemberJoined(GROUP, bob, join.issuedAt()))
                    .expectDeliveries(toUsers(List.of("alice", "bob"), ServerEventType.USER_JOINED,
                            new ServerPayload.UserJoined(GROUP, bob)));
        }

        @Test
        void joiningAgainChangesNothingAndAnswersTheJoinerAlone() {
            fixture.given(Given.group("alice", "bob"))
                    .when(commands.by("bob", new CommandBody.JoinGroup(GROUP)))
                    .expectNoEvents()
                    .expectDeliveries(toUsers(List.of("bob"), ServerEventType.USER_JOINED,
                            new ServerPayload.UserJoined(GROUP, member("bob", Role.MEMBER, Given.at(1)))));
        }

        @Test
        void whoeverJoinsAGroupLeftEmptyOwnsIt() {
            Command join = commands.by("bob", new CommandBody.JoinGroup(GROUP));

            fixture.given(Given.group("alice")).given(Given.left("alice"))
                    .when(join)
                    .expectEvents(new DomainEvent.MemberJoined(GROUP, member("bob", Role.OWNER, join.issuedAt()),
                            join.issuedAt()));
        }

        @Test
        void theMemberCountFollowsTheJoin() {
            GroupState after = fixture.given(Given.group("alice", "bob"))
                    .when(commands.by("carol", new CommandBody.JoinGroup(GROUP)))
                    .stateAfter();

            assertThat(after.group().memberCount()).isEqualTo(3);
        }

        @Test
        void anUnknownGroupIsNotFound() {
            fixture.when(commands.by("bob", new CommandBody.JoinGroup(GROUP)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }

        @Test
        void aDeletedGroupIsNotFound() {
            fixture.given(Given.group("alice")).given(Given.deleted("alice"))
                    .when(commands.by("bob", new CommandBody.JoinGroup(GROUP)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    class LeaveGroup {

        @Test
        void aMemberLeavesAndTheMembersAndTheLeaverHear() {
            Command leave = commands.by("bob", new CommandBody.LeaveGroup(GROUP));

            fixture.given(Given.group("alice", "bob", "carol"))
                    .when(leave)
                    .expectEvents(new DomainEvent.MemberLeft(GROUP, "bob", leave.issuedAt()))
                    .expectDeliveries(toUsers(List.of("alice", "carol", "bob"), ServerEventType.USER_LEFT,
                            new ServerPayload.UserLeft(GROUP, "bob", null)));
        }

        @Test
        void anOwnerWhoLeavesHandsTheRoleToTheLongestStandingMember() {
            Command leave = commands.by("alice", new CommandBody.LeaveGroup(GROUP));

            GroupFixture.Then then = fixture.given(Given.group("alice", "bob", "carol"))
                    .when(leave)
                    .expectEvents(
                            new DomainEvent.MemberLeft(GROUP, "alice", leave.issuedAt()),
                            new DomainEvent.OwnershipTransferred(GROUP, "alice", "bob", leave.issuedAt()))
                    .expectDeliveries(toUsers(List.of("bob", "carol", "alice"), ServerEventType.USER_LEFT,
                            new ServerPayload.UserLeft(GROUP, "alice", "bob")));

            assertThat(then.stateAfter().members()).extracting(Member::userId, Member::role)
                    .containsExactly(
                            tuple("bob", Role.OWNER),
                            tuple("carol", Role.MEMBER));
        }

        @Test
        void theLastMemberLeavingLeavesAnEmptyGroupWithNoOwner() {
            Command leave = commands.by("alice", new CommandBody.LeaveGroup(GROUP));

            GroupFixture.Then then = fixture.given(Given.group("alice"))
                    .when(leave)
                    .expectEvents(new DomainEvent.MemberLeft(GROUP, "alice", leave.issuedAt()))
                    .expectDeliveries(toUsers(List.of("alice"), ServerEventType.USER_LEFT,
                            new ServerPayload.UserLeft(GROUP, "alice", null)));

            assertThat(then.stateAfter().live()).isTrue();
            assertThat(then.stateAfter().group().memberCount()).isZero();
        }

        @Test
        void someoneWhoIsNotAMemberCannotLeave() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("bob", new CommandBody.LeaveGroup(GROUP)))
                    .expectRejected(ErrorCode.NOT_MEMBER);
        }

        @Test
        void anUnknownGroupIsNotFound() {
            fixture.when(commands.by("bob", new CommandBody.LeaveGroup(GROUP)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }
    }
}
