package dev.chorus.command;

/** Where answers meant for the asking connection alone go. */
public record ReplyTo(String gatewayId, String connectionId) {
}
