package dev.chorus.gateway.connection;

import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.Problem;
import dev.chorus.protocol.Rules;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import dev.chorus.topic.Json;
import org.springframework.web.socket.TextMessage;

import java.nio.charset.StandardCharsets;

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

    /**
     * A frame that echoes a client's input (an unknown type, a group id) may hold a lone surrogate from a JSON
     * backslash-u escape, which cannot be encoded as UTF-8: sent as it is, the container would fail the send
     * and drop the connection. Such a surrogate goes out as {@code ?}.
     */
    static TextMessage text(Envelope envelope) {
        String json = Json.mapper().writeValueAsString(envelope);
        return new TextMessage(Rules.wellFormed(json) ? json
                : new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
