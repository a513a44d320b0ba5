package dev.chorus.gateway.connection;

import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.Problem;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import dev.chorus.topic.Json;
import org.springframework.web.socket.TextMessage;

import java.nio.charset.StandardCharsets;

/** The frames the gateway writes, serialized with the one Chorus JSON configuration. */
public final class Frames {

    private Frames() {
    }

    static TextMessage connected(ServerPayload.Connected connected) {
        return text(Envelope.of(ServerEventType.CONNECTED, connected));
    }

    static TextMessage error(Problem problem, RequestContext context) {
        return text(Envelope.of(ServerEventType.ERROR, new ServerPayload.Error(problem.code(), problem.message(),
                context.requestType(), context.groupId(), context.clientMessageId())));
    }

    /** Any frame the gateway writes: the envelope serialized once, as UTF-8 the frame keeps ({@link #encoded}). */
    public static TextMessage text(Envelope envelope) {
        return encoded(Json.mapper().writeValueAsString(envelope));
    }

    /**
     * A frame built from its UTF-8 form, which it keeps: the queue of every connection it is sent to asks its
     * length, and a frame built from a string encodes the whole text again for each asking (Spring's
     * {@code TextMessage} does not remember it), which at 100 recipients was most of what a gateway allocated.
     *
     * <p>A frame that echoes a client's input (an unknown type, a group id) may hold a lone surrogate from a
     * JSON backslash-u escape, which cannot be encoded as UTF-8: sent as it is, the container would fail the
     * send and drop the connection. Encoding replaces such a surrogate with {@code ?}, and the frame is the
     * text decoded back from those bytes.
     */
    static TextMessage encoded(String json) {
        return new TextMessage(json.getBytes(StandardCharsets.UTF_8));
    }
}
