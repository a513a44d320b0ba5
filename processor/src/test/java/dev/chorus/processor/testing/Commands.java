package dev.chorus.processor.testing;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.delivery.Audience;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Role;

import java.time.Instant;
import java.util.Locale;

/**
 * Commands as a gateway would write them, with predictable ids and times: the n-th command made by one
 * instance is {@code cmd-n}, issued n seconds after {@link #T0}. Each user asks from one connection,
 * {@code conn-<user>} on gateway {@code gw-1}.
 */
public final class Commands {

    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    public static final String GATEWAY = "gw-1";

    private int issued;

    public Command by(String userId, CommandBody body) {
        issued++;
        return new Command("cmd-" + issued, actor(userId), replyTo(userId), T0.plusSeconds(issued), body);
    }

    /** Display names are the capitalised user id: alice is Alice. */
    public static Actor actor(String userId) {
        return new Actor(userId, displayName(userId), null);
    }

    public static ReplyTo replyTo(String userId) {
        return new ReplyTo(GATEWAY, "conn-" + userId);
    }

    public static Audience.Connection connectionOf(String userId) {
        return new Audience.Connection(GATEWAY, "conn-" + userId);
    }

    public static Member member(String userId, Role role, Instant joinedAt) {
        return new Member(userId, displayName(userId), null, role, joinedAt);
    }

    public static String displayName(String userId) {
        return userId.substring(0, 1).toUpperCase(Locale.ROOT) + userId.substring(1);
    }
}
