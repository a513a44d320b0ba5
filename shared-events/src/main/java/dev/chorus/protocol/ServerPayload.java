package dev.chorus.protocol;

import java.util.List;

/**
 * The {@code data} of the server events whose payload is not one of the plain objects ({@link Message}
 * and {@link Profile} travel as they are).
 */
public final class ServerPayload {

    private ServerPayload() {
    }

    public record Limits(int maxFrameBytes, int maxTextChars, long maxMediaBytes) {
    }

    public record Connected(String connectionId, String userId, String displayName, long heartbeatIntervalMs,
                            Limits limits) {
    }

    public record Error(ErrorCode code, String message, String requestType, String groupId,
                        String clientMessageId) {
    }

    public record AllGroups(List<Group> groups) {
    }

    public record GroupAdded(Group group) {
    }

    public record GroupDeleted(String groupId) {
    }

    public record UserJoined(String groupId, Member member) {
    }

    /** {@code newOwnerId} (an addition to v1) names the member who became owner when the owner left. */
    public record UserLeft(String groupId, String userId, String newOwnerId) {
    }

    public record InitData(Group group, List<Member> members, List<Message> messages, boolean hasMore) {
    }

    public record InitMessages(String groupId, List<Message> messages, boolean hasMore) {
    }

    public record UserStartedTyping(String groupId, String userId, String displayName) {
    }

    public record UserStoppedTyping(String groupId, String userId) {
    }
}
