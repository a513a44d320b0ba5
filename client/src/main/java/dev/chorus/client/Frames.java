package dev.chorus.client;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** The wire format: one JSON object {@code {"type", "data"}} per text frame. */
final class Frames {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String MESSAGE_PREFIX = "CHAT:MESSAGE_RETURN_";
    /** Reads the value the parser is on as a tree, leaving the parser after it (the rest is the frame's). */
    private static final ObjectReader TREE = JSON.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Frames() {
    }

    /**
     * A frame as received: a new message is decoded straight into {@code message} (every member gets one per
     * message sent to each group, so it is most of what a client reads); any other frame keeps its data as a
     * tree.
     *
     * @param data    the frame's data, or null for a message decoded on the way in (or a frame without data)
     * @param message the message of a {@code CHAT:MESSAGE_RETURN_*} frame, otherwise null
     */
    record Incoming(String type, JsonNode data, ChatMessage message) {
    }

    static String frame(String type, Map<String, ?> data) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("type", type);
        frame.set("data", JSON.valueToTree(data));
        return JSON.writeValueAsString(frame);
    }

    /**
     * Reads a frame without building a tree for a message's data when its type comes first, as the gateway
     * writes it; in any other order the data is read as a tree and the message taken from that, so what a
     * frame means never depends on the order of its fields.
     *
     * @throws tools.jackson.core.JacksonException for text that is not a JSON object
     */
    static Incoming read(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a frame must be a JSON object");
            }
            String type = null;
            JsonNode data = null;
            ChatMessage message = null;
            for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (field.equals("type")) {
                    type = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                    parser.skipChildren();
                } else if (field.equals("data") && isMessage(type) && value == JsonToken.START_OBJECT) {
                    message = readMessage(parser);
                } else if (field.equals("data")) {
                    data = tree(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (message == null && data != null && data.isObject() && isMessage(type)) {
                message = ChatMessage.from(data);
                data = null;
            }
            return new Incoming(type, data, message);
        }
    }

    static boolean isMessage(String type) {
        return type != null && type.startsWith(MESSAGE_PREFIX);
    }

    /** A message's fields, as {@link ChatMessage#from(JsonNode)} reads them from a tree; the parser is on its '{'. */
    private static ChatMessage readMessage(JsonParser parser) {
        String groupId = null;
        String id = null;
        String kind = null;
        String senderId = null;
        String text = null;
        String clientMessageId = null;
        String sentAt = null;
        Long seq = null;
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "groupId" -> groupId = string(parser, value);
                case "seq" -> seq = value.isNumeric() ? parser.getValueAsLong() : tree(parser).asLong();
                case "id" -> id = string(parser, value);
                case "kind" -> kind = string(parser, value);
                case "text" -> text = string(parser, value);
                case "clientMessageId" -> clientMessageId = string(parser, value);
                case "sentAt" -> sentAt = string(parser, value);
                case "sender" -> senderId = value == JsonToken.START_OBJECT ? senderId(parser)
                        : text(tree(parser), "userId");
                default -> parser.skipChildren();
            }
        }
        if (seq == null) {
            throw new IllegalArgumentException("a message without a seq");
        }
        return new ChatMessage(groupId, seq, id, kind, senderId, text, clientMessageId, sentAt);
    }

    private static String senderId(JsonParser parser) {
        String userId = null;
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken value = parser.nextToken();
            if (field.equals("userId")) {
                userId = string(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        return userId;
    }

    /** As {@link #text(JsonNode, String)} reads a field: null for JSON null, a scalar as its text. */
    private static String string(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        return value == JsonToken.VALUE_NULL ? null : tree(parser).asString();
    }

    private static JsonNode tree(JsonParser parser) {
        return TREE.readValue(parser);
    }

    /** A string field, {@code null} when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
