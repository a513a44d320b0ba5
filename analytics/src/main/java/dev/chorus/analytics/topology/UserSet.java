package dev.chorus.analytics.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exact set of users active in one window: the aggregate of the active-users store, a JSON array of
 * user ids. Its size is the window's distinct users; it lives only while its window is open (size plus
 * grace), so memory and store size grow with the users of one hour, not with history.
 */
final class UserSet {

    private final Set<String> userIds;

    private UserSet(Collection<String> userIds) {
        this.userIds = new TreeSet<>(userIds);
    }

    static UserSet empty() {
        return new UserSet(List.of());
    }

    @JsonCreator
    static UserSet of(List<String> userIds) {
        return new UserSet(userIds);
    }

    /** Adds in place: the store serializes the aggregate after every update, so no copy is needed. */
    UserSet with(String userId) {
        userIds.add(userId);
        return this;
    }

    int size() {
        return userIds.size();
    }

    @JsonValue
    List<String> userIds() {
        return List.copyOf(userIds);
    }
}
