package dev.chorus.processor.group;

import dev.chorus.protocol.Group;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Role;

import java.util.List;
import java.util.Optional;

/**
 * One group as its commands need it, the value of the {@code groups} store. Members are kept in joining
 * order because the first of them is the longest-standing member, who inherits ownership. A deleted group
 * keeps this state with {@code deleted} set, so its id answers NOT_FOUND for ever and cannot be created
 * again.
 *
 * @param group the summary clients see; {@code null} for a group that never existed
 */
public record GroupState(Group group, List<Member> members, boolean deleted) {

    /** The state of an id no group was ever created under. */
    public static final GroupState NONE = new GroupState(null, List.of(), false);

    public GroupState {
        members = List.copyOf(members);
    }

    /** Created and not deleted. */
    public boolean live() {
        return group != null && !deleted;
    }

    /** Created at some point, deleted or not. */
    boolean known() {
        return group != null;
    }

    Optional<Member> member(String userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
    }

    boolean hasOwner(String userId) {
        return member(userId).map(m -> m.role() == Role.OWNER).orElse(false);
    }

    List<String> memberIds() {
        return members.stream().map(Member::userId).toList();
    }

    GroupState withMembers(List<Member> newMembers) {
        return new GroupState(group.withMemberCount(newMembers.size()), newMembers, deleted);
    }
}
