package dev.chorus.processor.user;

import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a group command did to a group, as changes to its users' memberships. */
class MembershipChangesTest {

    private static final Instant AT = Commands.T0;

    private static GroupState live(String... members) {
        return new GroupState(new Group("g-1", "Hikers", null, members.length == 0 ? "alice" : members[0], AT,
                members.length), members(members), false);
    }

    private static List<Member> members(String... ids) {
        return Arrays.stream(ids).map(id -> Commands.member(id, Role.MEMBER, AT)).toList();
    }

    @Test
    void theCreatorOfANewGroupJoinsIt() {
        GroupState created = live("alice");

        assertThat(UserAggregate.changes(GroupState.NONE, created))
                .containsExactly(new UserInput.JoinedGroup("alice", created.group()));
    }

    @Test
    void aJoinerJoinsWithTheGroupAsItIsAfterTheJoin() {
        GroupState after = live("alice", "bob");

        assertThat(UserAggregate.changes(live("alice"), after))
                .containsExactly(new UserInput.JoinedGroup("bob", after.group()));
    }

    @Test
    void aLeaverLeaves() {
        assertThat(UserAggregate.changes(live("alice", "bob"), live("alice")))
                .containsExactly(new UserInput.LeftGroup("bob", "g-1"));
    }

    @Test
    void deletingAGroupTakesItFromEveryMember() {
        GroupState before = live("alice", "bob");
        GroupState deleted = new GroupState(before.group().withMemberCount(0), List.of(), true);

        assertThat(UserAggregate.changes(before, deleted)).containsExactly(
                new UserInput.LeftGroup("alice", "g-1"), new UserInput.LeftGroup("bob", "g-1"));
    }

    @Test
    void aMessageOrAQueryChangesNoMembership() {
        GroupState state = live("alice", "bob");

        assertThat(UserAggregate.changes(state, state)).isEmpty();
        assertThat(UserAggregate.changes(GroupState.NONE, GroupState.NONE)).isEmpty();
    }
}
