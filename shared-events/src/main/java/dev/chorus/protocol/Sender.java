package dev.chorus.protocol;

public record Sender(String userId, String displayName) {
}
