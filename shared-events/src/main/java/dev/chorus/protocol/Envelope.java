package dev.chorus.protocol;

import dev.chorus.topic.Json;
import tools.jackson.databind.JsonNode;

/**
 * One WebSocket frame: {@code {"type": string, "data": object}}, in either direction. The data stays a
 * JSON tree so that a gateway can forward it without knowing its shape and serialize it once.
 */
public record Envelope(String type, JsonNode data) {

    public static Envelope of(ServerEventType type, Object data) {
        return new Envelope(type.wireName(), Json.mapper().valueToTree(data));
    }

    public static Envelope of(ClientEventType type, Object data) {
        return new Envelope(type.wireName(), Json.mapper().valueToTree(data));
    }
}
