package dev.chorus.client;

import tools.jackson.databind.JsonNode;

/**
 * A message of a group as every member sees it.
 *
 * @param clientMessageId the sender's own id for the send, or {@code null}
 */
public record ChatMessage(String groupId, long seq, String id, String kind, String senderId, String text,
                          String clientMessageId, String sentAt) {

    static ChatMessage from(JsonNode data) {
        JsonNode sender = data.get("sender");
        return new ChatMessage(Frames.text(data, "groupId"), data.get("seq").asLong(), Frames.text(data, "id"),
                Frames.text(data, "kind"), sender == null ? null : Frames.text(sender, "userId"),
                Frames.text(data, "text"), Frames.text(data, "clientMessageId"), Frames.text(data, "sentAt"));
    }
}
