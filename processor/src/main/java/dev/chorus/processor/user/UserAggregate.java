package dev.chorus.processor.user;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.processor.group.Decision;
import dev.chorus.processor.group.GroupState;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Profile;
import dev.chorus.protocol.ServerEventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The user aggregate: {@link #decide} answers a profile request from the user's state, {@link #evolve}
 * folds a membership change into it, and {@link #changes} derives those changes from what a group command
 * did to its group. All three are pure.
 */
public final class UserAggregate {

    private UserAggregate() {
    }

    /**
     * @param directory the current summary of a live group, empty for a group the directory does not hold
     *                  (yet): the summary kept from joining stands in for it
     */
    public static Decision decide(Command command, UserState state, Function<String, Optional<Group>> directory) {
        if (!(command.body() instanceof CommandBody.GetProfile)) {
            throw new IllegalArgumentException("the user aggregate decides profile requests only, not " + command);
        }
        // The token is the one source of who the user is: Chorus stores no names, only memberships.
        Actor actor = command.actor();
        List<Group> groups = state.groups().stream()
                .map(joined -> directory.apply(joined.id()).orElse(joined))
                .toList();
        Profile profile = new Profile(actor.userId(), actor.displayName(), actor.avatarUrl(), groups);
        Audience asker = new Audience.Connection(command.replyTo().gatewayId(), command.replyTo().connectionId());
        return new Decision.Accepted(List.of(),
                List.of(new Delivery(asker, Envelope.of(ServerEventType.PROFILE_REFRESHED, profile))));
    }

    public static UserState evolve(UserState state, UserInput.MembershipChange change) {
        List<Group> groups = new ArrayList<>(state.groups());
        if (change instanceof UserInput.JoinedGroup joined) {
            int existing = indexOf(groups, joined.groupId());
            if (existing >= 0) {
                groups.set(existing, joined.group());
            } else {
                groups.add(joined.group());
            }
            return new UserState(groups);
        }
        if (change instanceof UserInput.LeftGroup) {
            groups.removeIf(group -> group.id().equals(change.groupId()));
            return new UserState(groups);
        }
        throw new IllegalArgumentException("no evolution for membership change " + change);
    }

    /**
     * The membership changes a group went through between two states: who joined, who left. A deletion
     * empties the member list, so every member at the time leaves, and the group drops out of every profile
     * it was in without a scan of anything.
     */
    public static List<UserInput.MembershipChange> changes(GroupState before, GroupState after) {
        if (before.members().equals(after.members())) {
            // a message or a query: the common case, and one that must not cost a set per member
            return List.of();
        }
        Set<String> was = ids(before.members());
        Set<String> is = ids(after.members());
        List<UserInput.MembershipChange> changes = new ArrayList<>();
        for (Member member : before.members()) {
            if (!is.contains(member.userId())) {
                changes.add(new UserInput.LeftGroup(member.userId(), before.group().id()));
            }
        }
        for (Member member : after.members()) {
            if (!was.contains(member.userId())) {
                changes.add(new UserInput.JoinedGroup(member.userId(), after.group()));
            }
        }
        return changes;
    }

    private static Set<String> ids(List<Member> members) {
        return members.stream().map(Member::userId).collect(Collectors.toSet());
    }

    private static int indexOf(List<Group> groups, String groupId) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).id().equals(groupId)) {
                return i;
            }
        }
        return -1;
    }
}
