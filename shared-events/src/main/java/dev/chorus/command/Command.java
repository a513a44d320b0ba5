package dev.chorus.command;

import java.time.Instant;

/**
 * What a client asked, as a gateway writes it to {@code chorus.commands}: the request, the authenticated
 * actor and the reply address. The record key is {@link CommandBody#key(Actor)}.
 *
 * @param commandId unique per command, chosen by the gateway
 * @param issuedAt  when the gateway accepted the request; the time the processor stamps on what follows
 */
public record Command(String commandId, Actor actor, ReplyTo replyTo, Instant issuedAt, CommandBody body) {

    public String key() {
        return body.key(actor);
    }
}
