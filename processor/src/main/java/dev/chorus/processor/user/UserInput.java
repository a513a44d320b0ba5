package dev.chorus.processor.user;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.chorus.command.Command;
import dev.chorus.protocol.Group;

/**
 * What reaches a user's aggregate, on the processor's internal topic repartitioned by user: the changes to
 * the user's memberships, decided on the groups' partitions, and the user's requests for a profile, which
 * travel the same way so that each is answered after every change already decided before it was asked.
 * The topic outlives a restart, so the type names are stable wire names with a version.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(UserInput.JoinedGroup.class),
        @JsonSubTypes.Type(UserInput.LeftGroup.class),
        @JsonSubTypes.Type(UserInput.ProfileAsked.class)
})
public sealed interface UserInput {

    /** The user this is about, and the key it travels under. */
    String userId();

    /** A fact about one of the user's memberships; it changes the user's state and answers nobody. */
    sealed interface MembershipChange extends UserInput {
        String groupId();
    }

    /** @param group the group as it was right after the user joined, for as long as the directory lags */
    @JsonTypeName("user.group-joined.v1")
    record JoinedGroup(String userId, Group group) implements MembershipChange {
        @Override
        public String groupId() {
            return group.id();
        }
    }

    /** The user left the group, or the group was deleted while the user was in it. */
    @JsonTypeName("user.group-left.v1")
    record LeftGroup(String userId, String groupId) implements MembershipChange {
    }

    @JsonTypeName("user.profile-asked.v1")
    record ProfileAsked(Command command) implements UserInput {
        @Override
        public String userId() {
            return command.actor().userId();
        }
    }
}
