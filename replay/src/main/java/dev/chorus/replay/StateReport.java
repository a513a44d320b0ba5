package dev.chorus.replay;

import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.user.UserState;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Member;
import dev.chorus.topic.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** What {@code rebuild} prints: the rebuilt state, readable, as one JSON document. */
final class StateReport {

    private StateReport() {
    }

    /**
     * @param upTo  where the read of each partition ended (exclusive)
     * @param group the one group asked for, if any: then only it, and no users (their other groups were not read)
     */
    static ObjectNode of(ReplayedState state, Map<String, Long> upTo, Optional<String> group) {
        ObjectNode report = Json.mapper().createObjectNode();
        ObjectNode positions = report.putObject("upTo");
        upTo.forEach(positions::put);
        report.put("events", state.events());
        ArrayNode groups = report.putArray("groups");
        state.groups().forEach((id, groupState) -> {
            if (group.isEmpty() || group.get().equals(id)) {
                groups.add(group(state, groupState));
            }
        });
        if (group.isEmpty()) {
            ArrayNode users = report.putArray("users");
            state.users().forEach((userId, userState) -> users.add(user(state, userId, userState)));
        }
        return report;
    }

    private static ObjectNode group(ReplayedState state, GroupState groupState) {
        Group summary = groupState.group();
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", summary.id());
        node.put("name", summary.name());
        node.put("description", summary.description());
        node.put("createdBy", summary.createdBy());
        node.put("createdAt", summary.createdAt().toString());
        node.put("deleted", groupState.deleted());
        node.put("memberCount", groupState.members().size());
        ArrayNode members = node.putArray("members");
        for (Member member : groupState.members()) {
            members.add(Json.mapper().valueToTree(member));
        }
        node.put("lastSeq", state.lastSeq(summary.id()));
        node.put("messages", state.messageCount(summary.id()));
        node.put("messagesPosted", state.posted(summary.id()));
        return node;
    }

    /** A user's groups in the order they joined them (the order they arrive in depends on partitions). */
    private static ObjectNode user(ReplayedState state, String userId, UserState userState) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("userId", userId);
        ArrayNode groups = node.putArray("groups");
        userState.groups().stream()
                .sorted(Comparator.comparing((Group g) -> joinedAt(state, g.id(), userId)).thenComparing(Group::id))
                .forEach(g -> groups.add(g.id()));
        return node;
    }

    private static Instant joinedAt(ReplayedState state, String groupId, String userId) {
        return state.groups().get(groupId).members().stream().filter(m -> m.userId().equals(userId))
                .map(Member::joinedAt).findFirst().orElse(Instant.MAX);
    }
}
