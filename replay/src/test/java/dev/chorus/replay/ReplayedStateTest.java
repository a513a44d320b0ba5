package dev.chorus.replay;

import dev.chorus.event.DomainEvent;
import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.topology.GroupTables;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.Sender;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The rebuild fold: given events, then the state in each table. */
class ReplayedStateTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final ReplayedState state = new ReplayedState();

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Member member(String userId, Role role, int joinedAt) {
        return new Member(userId, userId.toUpperCase(), null, role, t(joinedAt));
    }

    private static DomainEvent posted(String groupId, long seq, String sender, String clientMessageId, int at) {
        return new DomainEvent.MessagePosted(groupId, new Message("m-" + groupId + "-" + seq, groupId, seq,
                MessageKind.TEXT, new Sender(sender, sender.toUpperCase()), "text " + seq, null, clientMessageId,
                t(at)), t(at));
    }

    private void given(DomainEvent... events) {
        for (DomainEvent event : events) {
            state.apply(event);
        }
    }

    @Test
    void aCreatedGroupHasItsOwnerAndIsInTheDirectory() {
        given(new DomainEvent.GroupCreated("g-1", "Hikers", "Up", "alice", t(1)),
                new DomainEvent.MemberJoined("g-1", member("alice", Role.OWNER, 1), t(1)));

        GroupState group = state.groups().get("g-1");
        assertThat(group.group()).isEqualTo(new Group("g-1", "Hikers", "Up", "alice", t(1), 1));
        assertThat(group.members()).extracting(Member::userId).containsExactly("alice");
        assertThat(state.directory()).containsEntry("g-1", group.group());
        assertThat(state.users().get("alice").groups()).extracting(Group::id).containsExactly("g-1");
        assertThat(state.events()).isEqualTo(2);
    }

    @Test
    void messagesFillTheHistoryTheSeqAndTheDedupTables() {
        given(new DomainEvent.GroupCreated("g-1", "Hikers", null, "alice", t(1)),
                new DomainEvent.MemberJoined("g-1", member("alice", Role.OWNER, 1), t(1)),
                posted("g-1", 1, "alice", "c-1", 2),
                posted("g-1", 2, "alice", null, 3));

        assertThat(state.lastSeq("g-1")).isEqualTo(2);
        assertThat(state.messageCount("g-1")).isEqualTo(2);
        assertThat(state.messages()).containsKeys(GroupTables.messageKey("g-1", 1), GroupTables.messageKey("g-1", 2));
        assertThat(state.dedup()).containsExactly(Map.entry(GroupTables.dedupKey("g-1", "alice", "c-1"), 1L));
        // a message leaves the member list alone
        assertThat(state.groups().get("g-1").members()).hasSize(1);
    }

    @Test
    void theOwnersLeavingHandsTheRoleOnAndDropsTheGroupFromTheLeaversProfile() {
        given(new DomainEvent.GroupCreated("g-1", "Hikers", null, "alice", t(1)),
                new DomainEvent.MemberJoined("g-1", member("alice", Role.OWNER, 1), t(1)),
                new DomainEvent.MemberJoined("g-1", member("bob", Role.MEMBER, 2), t(2)),
                new DomainEvent.MemberLeft("g-1", "alice", t(3)),
                new DomainEvent.OwnershipTransferred("g-1", "alice", "bob", t(3)));

        assertThat(state.groups().get("g-1").members()).extracting(Member::userId, Member::role)
                .containsExactly(tuple("bob", Role.OWNER));
        assertThat(state.users()).containsOnlyKeys("bob");
        assertThat(state.directory().get("g-1").memberCount()).isEqualTo(1);
    }

    @Test
    void deletingAGroupForgetsItsHistoryAndMembersButKeepsItsTombstone() {
        given(new DomainEvent.GroupCreated("g-1", "Hikers", null, "alice", t(1)),
                new DomainEvent.MemberJoined("g-1", member("alice", Role.OWNER, 1), t(1)),
                posted("g-1", 1, "alice", "c-1", 2),
                new DomainEvent.GroupDeleted("g-1", "alice", t(3)));

        assertThat(state.groups().get("g-1").deleted()).isTrue();
        assertThat(state.seqs()).isEmpty();
        assertThat(state.messages()).isEmpty();
        assertThat(state.dedup()).isEmpty();
        assertThat(state.users()).isEmpty();
        assertThat(state.directory()).isEmpty();
        assertThat(state.posted("g-1")).isEqualTo(1);
    }

    @Test
    void anEventThatCannotFollowTheStateIsRefused() {
        assertThatThrownBy(() -> state.apply(new DomainEvent.MemberLeft("g-9", "bob", t(1))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theReportListsGroupsWithTheirCountsAndEachUsersGroupsInJoiningOrder() {
        given(new DomainEvent.GroupCreated("g-2", "Second", null, "bob", t(1)),
                new DomainEvent.MemberJoined("g-2", member("bob", Role.OWNER, 1), t(1)),
                new DomainEvent.GroupCreated("g-1", "First", null, "alice", t(2)),
                new DomainEvent.MemberJoined("g-1", member("alice", Role.OWNER, 2), t(2)),
                new DomainEvent.MemberJoined("g-1", member("bob", Role.MEMBER, 3), t(3)),
                posted("g-1", 1, "bob", null, 4));

        var report = StateReport.of(state, Map.of("chorus.events-0", 6L), Optional.empty());

        assertThat(report.at("/events").asLong()).isEqualTo(6);
        assertThat(report.at("/upTo/chorus.events-0").asLong()).isEqualTo(6);
        assertThat(report.at("/groups/0/id").asString()).isEqualTo("g-1");
        assertThat(report.at("/groups/0/memberCount").asInt()).isEqualTo(2);
        assertThat(report.at("/groups/0/lastSeq").asLong()).isEqualTo(1);
        assertThat(report.at("/groups/0/messages").asLong()).isEqualTo(1);
        assertThat(report.at("/groups/0/members/1/role").asString()).isEqualTo("member");
        assertThat(report.at("/users/1/userId").asString()).isEqualTo("bob");
        assertThat(report.at("/users/1/groups").values()).extracting(node -> node.asString())
                .containsExactly("g-2", "g-1");
        assertThat(StateReport.of(state, Map.of(), Optional.of("g-2")).at("/groups").size()).isEqualTo(1);
        assertThat(StateReport.of(state, Map.of(), Optional.of("g-2")).has("users")).isFalse();
    }

    @Test
    void theTablesCompareKeyByKeyAndAUsersGroupsInAnyOrder() {
        given(new DomainEvent.GroupCreated("g-1", "Hikers", null, "alice", t(1)),
                new DomainEvent.MemberJoined("g-1", member("alice", Role.OWNER, 1), t(1)));
        var live = new LiveState.Tables(new TreeMap<>(state.groups()), new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(state.users()),
                new TreeMap<>());

        List<StateDiff.Difference> differences = StateDiff.between(state, live);

        assertThat(differences).extracting(StateDiff.Difference::table, StateDiff.Difference::key)
                .containsExactly(tuple("group-directory", "g-1"));
        assertThat(differences.get(0).toString()).startsWith("group-directory [g-1]: rebuilt {").endsWith("live (absent)");
    }
}
