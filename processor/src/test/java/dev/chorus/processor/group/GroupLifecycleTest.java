package dev.chorus.processor.group;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chorus.processor.group.Given.GROUP;
import static dev.chorus.processor.group.Given.NAME;
import static dev.chorus.processor.testing.Commands.member;

/** Creating, deleting and listing groups: given events, when a command, then events and deliveries. */
class GroupLifecycleTest {

    private final GroupFixture fixture = new GroupFixture();
    private final Commands commands = new Commands();

    private static Delivery toUsers(List<String> users, ServerEventType type, Object data) {
        return new Delivery(new Audience.Users(users), Envelope.of(type, data));
    }

    @Nested
    class CreateGroup {

        @Test
        void createsTheGroupWithTheCreatorAsItsOwner() {
            Command create = commands.by("alice", new CommandBody.CreateGroup(GROUP, NAME, "Up the hill"));
            Member owner = member("alice", Role.OWNER, create.issuedAt());

            fixture.when(create)
                    .expectEvents(
                            new DomainEvent.GroupCreated(GROUP, NAME, "Up the hill", "alice", create.issuedAt()),
                            new DomainEvent.MemberJoined(GROUP, owner, create.issuedAt()))
                    .expectDeliveries(
                            new Delivery(new Audience.Everyone(), Envelope.of(ServerEventType.GROUP_ADDED,
                                    new ServerPayload.GroupAdded(
                                            new Group(GROUP, NAME, "Up the hill", "alice", create.issuedAt(), 1)))),
                            toUsers(List.of("alice"), ServerEventType.USER_JOINED,
                                    new ServerPayload.UserJoined(GROUP, owner)));
        }

        @Test
        void refusesABlankName() {
            fixture.when(commands.by("alice", new CommandBody.CreateGroup(GROUP, "  ", null)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void refusesADescriptionOverTheLimit() {
            fixture.when(commands.by("alice", new CommandBody.CreateGroup(GROUP, NAME, "x".repeat(1_001))))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void refusesABlankGroupId() {
            fixture.when(commands.by("alice", new CommandBody.CreateGroup(" ", NAME, null)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void refusesAnIdThatIsAlreadyAGroup() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("bob", new CommandBody.CreateGroup(GROUP, "Other", null)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void refusesTheIdOfADeletedGroup() {
            fixture.given(Given.group("alice")).given(Given.deleted("alice"))
                    .when(commands.by("bob", new CommandBody.CreateGroup(GROUP, "Other", null)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }
    }

    @Nested
    class DeleteGroup {

        @Test
        void theOwnerDeletesTheGroupAndEveryoneHears() {
            Command delete = commands.by("alice", new CommandBody.DeleteGroup(GROUP));

            fixture.given(Given.group("alice", "bob"))
                    .when(delete)
                    .expectEvents(new DomainEvent.GroupDeleted(GROUP, "alice", delete.issuedAt()))
                    .expectDeliveries(new Delivery(new Audience.Everyone(),
                            Envelope.of(ServerEventType.GROUP_DELETED, new ServerPayload.GroupDeleted(GROUP))));
        }

        @Test
        void aMemberWhoIsNotTheOwnerIsForbidden() {
            fixture.given(Given.group("alice", "bob"))
                    .when(commands.by("bob", new CommandBody.DeleteGroup(GROUP)))
                    .expectRejected(ErrorCode.FORBIDDEN);
        }

        @Test
        void anOutsiderIsForbidden() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("mallory", new CommandBody.DeleteGroup(GROUP)))
                    .expectRejected(ErrorCode.FORBIDDEN);
        }

        @Test
        void anUnknownGroupIsNotFound() {
            fixture.when(commands.by("alice", new CommandBody.DeleteGroup(GROUP)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }

        @Test
        void aDeletedGroupIsNotFound() {
            fixture.given(Given.group("alice")).given(Given.deleted("alice"))
                    .when(commands.by("alice", new CommandBody.DeleteGroup(GROUP)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    class ListGroups {

        @Test
        void answersTheDirectoryToTheAskingConnectionOldestFirst() {
            Group later = new Group("g-b", "B", null, "bob", Given.at(5), 2);
            Group earlier = new Group("g-z", "Z", null, "alice", Given.at(1), 1);
            Group sameTimeLowerId = new Group("g-a", "A", null, "carol", Given.at(5), 3);

            fixture.givenDirectory(later, earlier, sameTimeLowerId)
                    .when(commands.by("carol", new CommandBody.ListGroups()))
                    .expectNoEvents()
                    .expectDeliveries(new Delivery(Commands.connectionOf("carol"),
                            Envelope.of(ServerEventType.RETURN_ALL_GROUPS,
                                    new ServerPayload.AllGroups(List.of(earlier, sameTimeLowerId, later)))));
        }

        @Test
        void answersAnEmptyListWhenThereAreNoGroups() {
            fixture.when(commands.by("carol", new CommandBody.ListGroups()))
                    .expectDeliveries(new Delivery(Commands.connectionOf("carol"),
                            Envelope.of(ServerEventType.RETURN_ALL_GROUPS, new ServerPayload.AllGroups(List.of()))));
        }
    }
}
