package dev.chorus.processor.group;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Problem;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;

import java.util.List;

/** Builds the deliveries and decisions that the deciders hand back. */
final class Replies {

    private Replies() {
    }

    static Delivery toEveryone(ServerEventType type, Object data) {
        return new Delivery(new Audience.Everyone(), Envelope.of(type, data));
    }

    static Delivery toUsers(List<String> userIds, ServerEventType type, Object data) {
        return new Delivery(new Audience.Users(userIds), Envelope.of(type, data));
    }

    static Delivery toAsker(Command command, ServerEventType type, Object data) {
        return new Delivery(new Audience.Connection(command.replyTo().gatewayId(), command.replyTo().connectionId()),
                Envelope.of(type, data));
    }

    static Decision answer(Command command, ServerEventType type, Object data) {
        return new Decision.Accepted(List.of(), List.of(toAsker(command, type, data)));
    }

    static Decision reject(Command command, ErrorCode code, String message) {
        return reject(command, new Problem(code, message));
    }

    static Decision reject(Command command, Problem problem) {
        CommandBody body = command.body();
        ServerPayload.Error error = new ServerPayload.Error(problem.code(), problem.message(), requestType(body),
                body instanceof CommandBody.GroupCommand g ? g.groupId() : null,
                body instanceof CommandBody.PostMessage p ? p.clientMessageId() : null);
        return new Decision.Rejected(problem, toAsker(command, ServerEventType.ERROR, error));
    }

    private static String requestType(CommandBody body) {
        // a post without a kind has no request type; it is refused for exactly that reason
        if (body instanceof CommandBody.PostMessage p && p.kind() == null) {
            return null;
        }
        return body.requestType().wireName();
    }
}
