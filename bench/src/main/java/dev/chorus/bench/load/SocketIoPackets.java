package dev.chorus.bench.load;

import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The few Engine.IO v4 / Socket.IO v5 packets a chat client needs, as WebSocket text frames: an Engine.IO
 * packet is its type digit and a payload; a Socket.IO packet rides in an Engine.IO {@code message} (4) as
 * its own type digit, an optional namespace ({@code /name,}, absent for the default one), an optional ack id
 * and a JSON payload. No binary attachments: the chat sends none.
 */
public final class SocketIoPackets {

    // Engine.IO packet types
    public static final char OPEN = '0';
    public static final char CLOSE = '1';
    public static final char PING = '2';
    public static final char PONG = '3';
    public static final char MESSAGE = '4';

    // Socket.IO packet types, inside an Engine.IO message
    public static final int CONNECT = 0;
    public static final int DISCONNECT = 1;
    public static final int EVENT = 2;
    public static final int ACK = 3;
    public static final int CONNECT_ERROR = 4;

    /** Connects the default namespace. */
    public static final String CONNECT_DEFAULT = "40";
    /** The answer to the server's {@code 2}. */
    public static final String PONG_FRAME = "3";

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private SocketIoPackets() {
    }

    /**
     * A frame taken apart. {@code engineType} is always set; the rest only for an Engine.IO message
     * ({@code socketType} -1 otherwise). {@code ackId} is -1 when absent; {@code data} is the JSON payload,
     * or JSON null when there is none.
     */
    public record Packet(char engineType, int socketType, String namespace, long ackId, JsonNode data) {

        /** An event's name, or null when this is no event. */
        public String eventName() {
            if (socketType != EVENT || !data.isArray() || data.isEmpty() || !data.get(0).isString()) {
                return null;
            }
            return data.get(0).asString();
        }

        /** An event's first argument (or an ack's), or JSON null. */
        public JsonNode firstArgument() {
            int index = socketType == EVENT ? 1 : 0;
            return data.isArray() && data.size() > index ? data.get(index) : NullNode.getInstance();
        }
    }

    /** Parses one complete text frame. */
    public static Packet parse(String frame) {
        if (frame.isEmpty()) {
            throw new IllegalArgumentException("empty Engine.IO packet");
        }
        char engineType = frame.charAt(0);
        if (engineType != MESSAGE) {
            String payload = frame.substring(1);
            return new Packet(engineType, -1, "/", -1, engineType == OPEN ? JSON.readTree(payload) : NullNode.getInstance());
        }
        if (frame.length() < 2 || frame.charAt(1) < '0' || frame.charAt(1) > '6') {
            throw new IllegalArgumentException("not a Socket.IO packet: " + abbreviate(frame));
        }
        int socketType = frame.charAt(1) - '0';
        int i = 2;
        if (socketType == 5 || socketType == 6) {
            throw new IllegalArgumentException("binary Socket.IO packets are not supported: " + abbreviate(frame));
        }
        String namespace = "/";
        if (i < frame.length() && frame.charAt(i) == '/') {
            int comma = frame.indexOf(',', i);
            int end = comma < 0 ? frame.length() : comma;
            namespace = frame.substring(i, end);
            i = comma < 0 ? end : comma + 1;
        }
        long ackId = -1;
        int digits = i;
        while (i < frame.length() && Character.isDigit(frame.charAt(i))) {
            i++;
        }
        if (i > digits) {
            ackId = Long.parseLong(frame, digits, i, 10);
        }
        JsonNode data = i < frame.length() ? JSON.readTree(frame.substring(i)) : NullNode.getInstance();
        return new Packet(MESSAGE, socketType, namespace, ackId, data);
    }

    /** {@code 42["chat",{"room":..,"text":..}]}: a chat message to a room. */
    public static String chat(String room, String text) {
        StringBuilder frame = new StringBuilder(32 + room.length() + text.length());
        frame.append("42[\"chat\",{\"room\":");
        quote(frame, room).append(",\"text\":");
        return quote(frame, text).append("}]").toString();
    }

    /** {@code 42<ackId>["join",room]}: joins a room, acknowledged by {@code 43<ackId>[...]}. */
    public static String join(long ackId, String room) {
        StringBuilder frame = new StringBuilder(16 + room.length()).append("42").append(ackId).append("[\"join\",");
        return quote(frame, room).append(']').toString();
    }

    private static final String CHAT_START = "42[\"chat\",{\"room\":\"";
    private static final String TEXT_KEY = ",\"text\":\"";
    private static final String CHAT_END = "}]";

    /**
     * The {@code [room, text]} of a frame that is a {@code chat} event, null for any other frame. The form
     * the server writes, {@code 42["chat",{"room":"..","text":".."}]}, is read directly, without a JSON
     * tree (the receiving side reads tens of thousands a second); anything else is parsed in full.
     */
    public static String[] readChat(String frame) {
        if (frame.startsWith(CHAT_START)) {
            int[] end = new int[1];
            String room = readString(frame, CHAT_START.length(), end);
            if (room != null && frame.startsWith(TEXT_KEY, end[0])) {
                String text = readString(frame, end[0] + TEXT_KEY.length(), end);
                if (text != null && end[0] + CHAT_END.length() == frame.length() && frame.endsWith(CHAT_END)) {
                    return new String[] {room, text};
                }
            }
        }
        return frame.startsWith("42") ? chatMessage(parse(frame)) : null;
    }

    /**
     * The JSON string whose content starts at {@code from} (just after its opening quote), {@code end[0]}
     * set just after its closing quote; null when it is cut short or holds an invalid escape.
     */
    static String readString(String json, int from, int[] end) {
        int i = from;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                end[0] = i + 1;
                return json.substring(from, i);
            }
            if (c == '\\') {
                break;
            }
            i++;
        }
        StringBuilder out = new StringBuilder(json.length() - from).append(json, from, i);
        while (i < json.length()) {
            char c = json.charAt(i++);
            if (c == '"') {
                end[0] = i;
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= json.length()) {
                return null;
            }
            char escaped = json.charAt(i++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > json.length()) {
                        return null;
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = Character.digit(json.charAt(i++), 16);
                        if (digit < 0) {
                            return null;
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    /** The chat message of an incoming {@code chat} event: {@code [room, text]}, or null for anything else. */
    public static String[] chatMessage(Packet packet) {
        if (!"chat".equals(packet.eventName())) {
            return null;
        }
        JsonNode message = packet.firstArgument();
        JsonNode room = message.get("room");
        JsonNode text = message.get("text");
        if (room == null || text == null || !room.isString() || !text.isString()) {
            return null;
        }
        return new String[] {room.asString(), text.asString()};
    }

    private static StringBuilder quote(StringBuilder into, String value) {
        into.append('"');
        ENCODER.quoteAsString(value, into);
        return into.append('"');
    }

    static String abbreviate(String frame) {
        return frame.length() <= 80 ? frame : frame.substring(0, 80) + "...";
    }
}
