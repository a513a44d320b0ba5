package dev.chorus.client;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** The wire format: one JSON object {@code {"type", "data"}} per text frame. */
final class Frames {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Frames() {
    }

    static String frame(String type, Map<String, ?> data) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("type", type);
        frame.set("data", JSON.valueToTree(data));
        return JSON.writeValueAsString(frame);
    }

    static JsonNode parse(String text) {
        return JSON.readTree(text);
    }

    /** A string field, {@code null} when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
