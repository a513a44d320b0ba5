package dev.chorus.gateway.typing;

import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.connection.ConnectionRegistry;
import dev.chorus.gateway.membership.MembershipIndex;

import java.util.Collection;

/** A typist's audience here: every local connection of the group's other members, none of the typist's own. */
final class MemberConnections implements TypingBoard.LocalAudience {

    private final MembershipIndex index;
    private final ConnectionRegistry registry;

    MemberConnections(MembershipIndex index, ConnectionRegistry registry) {
        this.index = index;
        this.registry = registry;
    }

    @Override
    public Collection<Connection> of(String groupId, String typistId) {
        return index.localMembers(groupId).stream()
                .filter(userId -> !userId.equals(typistId))
                .flatMap(userId -> registry.ofUser(userId).stream())
                .toList();
    }
}
