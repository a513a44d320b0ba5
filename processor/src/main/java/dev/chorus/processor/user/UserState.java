package dev.chorus.processor.user;

import dev.chorus.protocol.Group;

import java.util.List;

/**
 * One user as the profile needs it, the value of the {@code user-groups} store: the groups the user is in,
 * in the order joined, each as it was when joined (the directory has the current summary).
 */
public record UserState(List<Group> groups) {

    /** A user in no group, and one the store has never heard of. */
    public static final UserState EMPTY = new UserState(List.of());

    public UserState {
        groups = List.copyOf(groups);
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }
}
