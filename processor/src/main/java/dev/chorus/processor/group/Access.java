package dev.chorus.processor.group;

import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Problem;

import java.util.Optional;

/** Who may touch a group at all: the checks that come before any command's own rules. */
final class Access {

    private Access() {
    }

    /** NOT_FOUND for an id that never was a group or whose group was deleted. */
    static Optional<Problem> live(GroupState state, String groupId) {
        if (state.live()) {
            return Optional.empty();
        }
        return Optional.of(new Problem(ErrorCode.NOT_FOUND, "group " + groupId + " does not exist"));
    }

    /** {@link #live} first, then NOT_MEMBER for someone outside the group. */
    static Optional<Problem> member(GroupState state, String groupId, String userId) {
        Optional<Problem> missing = live(state, groupId);
        if (missing.isPresent() || state.member(userId).isPresent()) {
            return missing;
        }
        return Optional.of(new Problem(ErrorCode.NOT_MEMBER, "you are not a member of group " + groupId));
    }
}
