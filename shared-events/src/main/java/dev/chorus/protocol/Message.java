package dev.chorus.protocol;

import java.time.Instant;

/**
 * A chat message ({@code Message} in PROTOCOL.md). {@code seq} starts at 1 in each group and grows by
 * exactly one per message.
 */
public record Message(String id, String groupId, long seq, MessageKind kind, Sender sender, String text,
                      Media media, String clientMessageId, Instant sentAt) {
}
