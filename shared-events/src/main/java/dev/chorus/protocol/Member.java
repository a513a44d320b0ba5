package dev.chorus.protocol;

import java.time.Instant;

/** A member of a group ({@code Member} in PROTOCOL.md). */
public record Member(String userId, String displayName, String avatarUrl, Role role, Instant joinedAt) {

    public Member withRole(Role newRole) {
        return new Member(userId, displayName, avatarUrl, newRole, joinedAt);
    }
}
