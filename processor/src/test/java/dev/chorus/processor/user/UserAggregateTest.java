package dev.chorus.processor.user;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Delivery;
import dev.chorus.processor.group.Decision;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Profile;
import dev.chorus.protocol.ServerEventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Given membership changes, when a profile request, then the answer: the user aggregate, pure. */
class UserAggregateTest {

    private static final Instant CREATED = Commands.T0.minusSeconds(3_600);

    private final Commands commands = new Commands();
    private final Map<String, Group> directory = new HashMap<>();
    private UserState state = UserState.EMPTY;

    private static Group group(String id, int memberCount) {
        return new Group(id, "Group " + id, null, "alice", CREATED, memberCount);
    }

    private UserAggregateTest given(UserInput.MembershipChange... changes) {
        for (UserInput.MembershipChange change : changes) {
            state = UserAggregate.evolve(state, change);
        }
        return this;
    }

    private UserAggregateTest givenDirectory(Group... groups) {
        for (Group group : groups) {
            directory.put(group.id(), group);
        }
        return this;
    }

    private Decision when(Command command) {
        return UserAggregate.decide(command, state, id -> Optional.ofNullable(directory.get(id)));
    }

    private static void expectProfile(Decision decision, Command command, Profile profile) {
        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        assertThat(decision.events()).isEmpty();
        assertThat(decision.deliveries()).containsExactly(new Delivery(
                Commands.connectionOf(command.actor().userId()),
                Envelope.of(ServerEventType.PROFILE_REFRESHED, profile)));
    }

    @Test
    void listsTheGroupsJoinedInJoiningOrderWithTheirCurrentSummary() {
        Command ask = commands.by("bob", new CommandBody.GetProfile());

        given(new UserInput.JoinedGroup("bob", group("g-2", 1)), new UserInput.JoinedGroup("bob", group("g-1", 4)))
                .givenDirectory(group("g-1", 5), group("g-2", 3));

        expectProfile(when(ask), ask, new Profile("bob", "Bob", null, List.of(group("g-2", 3), group("g-1", 5))));
    }

    @Test
    void aGroupNotInTheDirectoryYetIsListedAsItWasWhenJoined() {
        Command ask = commands.by("bob", new CommandBody.GetProfile());

        given(new UserInput.JoinedGroup("bob", group("g-new", 1)));

        expectProfile(when(ask), ask, new Profile("bob", "Bob", null, List.of(group("g-new", 1))));
    }

    @Test
    void aGroupLeftIsNoLongerListed() {
        Command ask = commands.by("bob", new CommandBody.GetProfile());

        given(new UserInput.JoinedGroup("bob", group("g-1", 2)), new UserInput.JoinedGroup("bob", group("g-2", 2)),
                new UserInput.LeftGroup("bob", "g-1"));

        expectProfile(when(ask), ask, new Profile("bob", "Bob", null, List.of(group("g-2", 2))));
    }

    @Test
    void aUserInNoGroupGetsAnEmptyList() {
        Command ask = commands.by("carol", new CommandBody.GetProfile());

        expectProfile(when(ask), ask, new Profile("carol", "Carol", null, List.of()));
    }

    @Test
    void nameAndAvatarComeFromTheAskersToken() {
        Command ask = new Command("cmd-1", new Actor("dana", "Dana D.", "https://img.example/dana.png"),
                Commands.replyTo("dana"), Commands.T0, new CommandBody.GetProfile());

        expectProfile(when(ask), ask, new Profile("dana", "Dana D.", "https://img.example/dana.png", List.of()));
    }

    @Test
    void joiningTwiceListsTheGroupOnce() {
        given(new UserInput.JoinedGroup("bob", group("g-1", 1)), new UserInput.JoinedGroup("bob", group("g-1", 2)));

        assertThat(state.groups()).containsExactly(group("g-1", 2));
    }

    @Test
    void leavingAGroupOneIsNotInChangesNothing() {
        given(new UserInput.JoinedGroup("bob", group("g-1", 1)), new UserInput.LeftGroup("bob", "g-9"));

        assertThat(state.groups()).containsExactly(group("g-1", 1));
    }

    @Test
    void onlyProfileRequestsAreDecidedHere() {
        assertThatThrownBy(() -> when(commands.by("bob", new CommandBody.ListGroups())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
