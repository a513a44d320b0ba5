package dev.chorus.gateway.connection;

import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.Problem;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import dev.chorus.topic.Json;
import org.springframework.web.socket.TextMessage;

/** The frames the gateway itself writes, serialized with the one Chorus JSON configuration. */
final class Frames {

    private Frames() {
    }

    static TextMessage connected(ServerPayload.Connected connected) {
        return text(Envelope.of(ServerEventType.CONNECTED, connected));
    }

    static TextMessage error(Problem problem, RequestContext context) {
        return text(Envelope.of(ServerEventType.ERROR, new ServerPayload.Error(problem.code(), problem.message(),
                context.requestType(), context.groupId(), context.clientMessageId())));
    }

    static TextMessage text(Envelope envelope) {
        return new TextMessage(Json.mapper().writeValueAsString(envelope));
    }
}
