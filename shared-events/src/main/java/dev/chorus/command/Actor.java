package dev.chorus.command;

/** Who asked: the authenticated subject of the connection's token, never anything a client claimed. */
public record Actor(String userId, String displayName, String avatarUrl) {
}
