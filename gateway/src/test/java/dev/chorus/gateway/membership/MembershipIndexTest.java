package dev.chorus.gateway.membership;

import dev.chorus.gateway.membership.MembershipIndex.Standing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The index of local users' groups: seeded by a profile, kept current by membership deliveries. */
class MembershipIndexTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MembershipIndex index = new MembershipIndex();

    /** Alice connects here; returns the reply address her profile is asked under. */
    private String connectAlice() {
        return index.opened("alice", "a1", T0).orElseThrow();
    }

    @Test
    void aProfileSeedsTheUsersGroupsAndTheGroupsLocalMembers() {
        String reply = connectAlice();

        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.UNKNOWN);
        index.profile("alice", reply, List.of("g1", "g2"));

        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.MEMBER);
        assertThat(index.standing("alice", "g3")).isEqualTo(Standing.NOT_MEMBER);
        assertThat(index.localMembers("g2")).containsExactly("alice");
    }

    @Test
    void onlyTheFirstConnectionOfAUserAsksForTheProfile() {
        connectAlice();

        assertThat(index.opened("alice", "a2", T0)).isEmpty();
        assertThat(index.opened("bob", "b1", T0)).isPresent();
    }

    @Test
    void aProfileAConnectionOfTheUserAskedForSeedsTooButNoOtherDoes() {
        connectAlice();

        index.profile("alice", "some-other-request", List.of("g1"));
        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.UNKNOWN);

        index.profile("alice", "a1", List.of("g1"));
        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.MEMBER);
    }

    @Test
    void membershipsSeenWhileTheProfileWasOnItsWayOverrideIt() {
        String reply = connectAlice();
        index.joined("alice", "g-new");
        index.left("alice", "g-gone");
        index.deleted("g-deleted");

        index.profile("alice", reply, List.of("g-gone", "g-deleted", "g-kept"));

        assertThat(index.standing("alice", "g-new")).isEqualTo(Standing.MEMBER);
        assertThat(index.standing("alice", "g-kept")).isEqualTo(Standing.MEMBER);
        assertThat(index.standing("alice", "g-gone")).isEqualTo(Standing.NOT_MEMBER);
        assertThat(index.standing("alice", "g-deleted")).isEqualTo(Standing.NOT_MEMBER);
        assertThat(index.localMembers("g-new")).containsExactly("alice");
    }

    @Test
    void aUserSeenJoiningWhileTheProfileIsOnItsWayIsALocalMemberAtOnce() {
        String reply = connectAlice();

        index.joined("alice", "g-new");
        assertThat(index.localMembers("g-new")).containsExactly("alice");
        assertThat(index.standing("alice", "g-new")).isEqualTo(Standing.UNKNOWN);

        index.profile("alice", reply, List.of("g-old"));
        assertThat(index.localMembers("g-new")).containsExactly("alice");
        assertThat(index.localMembers("g-old")).containsExactly("alice");
    }

    @Test
    void aUserSeenJoiningAndThenLeavingOrLosingTheGroupBeforeTheProfileIsNoLocalMember() {
        String reply = connectAlice();
        index.joined("alice", "g-left");
        index.joined("alice", "g-deleted");

        index.left("alice", "g-left");
        index.deleted("g-deleted");

        assertThat(index.localMembers("g-left")).isEmpty();
        assertThat(index.localMembers("g-deleted")).isEmpty();
        index.profile("alice", reply, List.of("g-left", "g-deleted"));
        assertThat(index.localMembers("g-left")).isEmpty();
        assertThat(index.standing("alice", "g-deleted")).isEqualTo(Standing.NOT_MEMBER);
    }

    @Test
    void aUserWhoseProfileNeverCameIsNoLocalMemberOnceTheirLastConnectionCloses() {
        connectAlice();
        index.joined("alice", "g1");

        index.closed("alice", "a1");

        assertThat(index.localMembers("g1")).isEmpty();
    }

    @Test
    void joinsLeavesAndDeletionsAfterTheProfileKeepItCurrent() {
        index.profile("alice", connectAlice(), List.of("g1"));
        index.profile("bob", index.opened("bob", "b1", T0).orElseThrow(), List.of("g1"));

        index.joined("alice", "g2");
        index.left("bob", "g1");
        assertThat(index.localMembers("g1")).containsExactly("alice");
        assertThat(index.localMembers("g2")).containsExactly("alice");

        index.deleted("g1");
        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.NOT_MEMBER);
        assertThat(index.localMembers("g1")).isEmpty();
        assertThat(index.standing("alice", "g2")).isEqualTo(Standing.MEMBER);
    }

    @Test
    void usersNotConnectedHereAreNotIndexed() {
        index.joined("zoe", "g1");

        assertThat(index.localMembers("g1")).isEmpty();
        assertThat(index.standing("zoe", "g1")).isEqualTo(Standing.UNKNOWN);
    }

    @Test
    void theLastConnectionClosingForgetsTheUserAndALaterProfileOfTheOldEntryCountsForNothing() {
        String reply = connectAlice();
        index.opened("alice", "a2", T0);
        index.profile("alice", reply, List.of("g1"));

        index.closed("alice", "a1");
        assertThat(index.localMembers("g1")).containsExactly("alice");

        index.closed("alice", "a2");
        assertThat(index.localMembers("g1")).isEmpty();
        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.UNKNOWN);

        String newReply = index.opened("alice", "a3", T0).orElseThrow();
        index.profile("alice", reply, List.of("g1"));
        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.UNKNOWN);
        assertThat(newReply).isNotEqualTo(reply);
    }

    @Test
    void waitersRunOnceTheGroupsAreKnownOrAtOnceIfTheyAre() {
        String reply = connectAlice();
        List<String> ran = new ArrayList<>();

        index.whenKnown("alice", () -> ran.add("first"));
        assertThat(ran).isEmpty();
        index.profile("alice", reply, Set.of("g1"));
        assertThat(ran).containsExactly("first");

        index.whenKnown("alice", () -> ran.add("second"));
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void theProfileIsAskedAgainOnlyAfterAFailureOrOnceTheLastRequestWentUnansweredTooLong() {
        String reply = connectAlice();
        Duration patience = Duration.ofSeconds(5);

        assertThat(index.askAgain("alice", T0.plusSeconds(1), patience)).isEmpty();
        assertThat(index.askAgain("alice", T0.plusSeconds(6), patience)).contains(reply);
        assertThat(index.askAgain("alice", T0.plusSeconds(7), patience)).isEmpty();

        index.askFailed("alice");
        assertThat(index.askAgain("alice", T0.plusSeconds(7), patience)).contains(reply);

        index.profile("alice", reply, List.of());
        index.askFailed("alice");
        assertThat(index.askAgain("alice", T0.plusSeconds(60), patience)).isEmpty();
    }
}
