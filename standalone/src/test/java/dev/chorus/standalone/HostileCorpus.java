package dev.chorus.standalone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A deterministic corpus of hostile text frames, each with the {@code SYSTEM:ERROR} code PROTOCOL.md names for
 * it. Every frame is refused: none may change anything. {@code {G}} stands for a group the sender is not in.
 */
final class HostileCorpus {

    static final String G = "{G}";

    record Frame(String category, String text, String code) {
        @Override
        public String toString() {
            return category + " " + code + " " + text.substring(0, Math.min(120, text.length()));
        }
    }

    private static final String BAD = "BAD_REQUEST";
    private static final String UNKNOWN = "UNKNOWN_TYPE";
    /** JSON values of every type, none of them a string: each is the wrong type for a string field. */
    private static final List<String> NOT_STRINGS = List.of("42", "-1", "3.14", "1e400", "true", "false", "[]",
            "[\"" + G + "\"]", "{}", "{\"id\":\"" + G + "\"}");
    private static final List<String> NOT_INTEGERS = List.of("\"5\"", "5.0", "2.5", "1e2", "true", "[]", "{}",
            "\"\"", "-0.0", "99999999999999999999999999", "1e400");
    private static final List<String> BLANKS = List.of("\"\"", "\" \"", "\"\\t\\n\"");

    private final Random random;
    private final List<Frame> frames = new ArrayList<>();

    private HostileCorpus(long seed) {
        this.random = new Random(seed);
    }

    static List<Frame> generate(long seed) {
        HostileCorpus corpus = new HostileCorpus(seed);
        corpus.everyFieldOfEveryTypeMissingOrWrong();
        corpus.malformedAndTruncatedJson();
        corpus.notObjects();
        corpus.deepNesting();
        corpus.hugeNumbersAndStrings();
        corpus.unknownTypesAndControlCharacters();
        corpus.forbiddenToAStranger();
        return List.copyOf(corpus.frames);
    }

    /** A valid request of each type with every field, the base that one field at a time is broken in. */
    private static Map<String, Map<String, String>> templates() {
        Map<String, Map<String, String>> t = new LinkedHashMap<>();
        t.put("GROUP:ADD_GROUP", fields("name", "\"hostile\"", "description", "\"d\""));
        for (String type : List.of("GROUP:DELETE_GROUP", "GROUP:JOIN_GROUP", "GROUP:LEAVE_GROUP",
                "GROUP:GET_INIT_DATA", "CHAT:START_TYPING", "CHAT:STOP_TYPING")) {
            t.put(type, fields("groupId", "\"" + G + "\""));
        }
        t.put("CHAT:GET_INIT_MESSAGES", fields("groupId", "\"" + G + "\"", "limit", "10", "afterSeq", "0"));
        t.put("CHAT:SEND_MESSAGE_TEXT", fields("groupId", "\"" + G + "\"", "text", "\"hi\"", "clientMessageId", "\"c1\""));
        t.put("CHAT:SEND_MESSAGE_IMAGE", media("https://x.example/a.png"));
        t.put("CHAT:SEND_MESSAGE_AUDIO", media("https://x.example/a.mp3"));
        t.put("CHAT:SEND_MESSAGE_GIF", media("https://x.example/a.gif"));
        return t;
    }

    private static Map<String, String> media(String url) {
        return fields("groupId", "\"" + G + "\"", "url", "\"" + url + "\"", "caption", "\"c\"", "clientMessageId", "\"c1\"");
    }

    /** Required fields missing, null or blank; every field of the wrong JSON type or out of range. */
    private void everyFieldOfEveryTypeMissingOrWrong() {
        templates().forEach((type, template) -> template.keySet().forEach(field -> {
            boolean required = field.equals("groupId") || field.equals("name") || field.equals("text")
                    || field.equals("url");
            if (required) {
                add("missing", frame(type, without(template, field)), BAD);
                add("null", frame(type, with(template, field, "null")), BAD);
                BLANKS.forEach(blank -> add("blank", frame(type, with(template, field, blank)), BAD));
            }
            boolean integer = field.equals("limit") || field.equals("afterSeq");
            (integer ? NOT_INTEGERS : NOT_STRINGS).forEach(wrong ->
                    add("wrong type", frame(type, with(template, field, wrong)), BAD));
        }));
        for (String type : List.of("GROUP:GET_ALL_GROUPS", "USER:REFRESH_PROFILE", "GROUP:ADD_GROUP",
                "CHAT:SEND_MESSAGE_TEXT", "GROUP:JOIN_GROUP")) {
            for (String data : List.of("[]", "\"x\"", "5", "true", "[{}]", "\"{}\"")) {
                add("data not an object", "{\"type\":\"" + type + "\",\"data\":" + data + "}", BAD);
            }
        }
        for (String type : List.of("null", "42", "true", "[]", "{}", "[\"GROUP:ADD_GROUP\"]")) {
            add("type not a string", "{\"type\":" + type + ",\"data\":{\"name\":\"x\"}}", BAD);
        }
        add("type missing", "{\"data\":{\"name\":\"x\"}}", BAD);
        for (String limit : List.of("0", "201", "-1", "2147483648")) {
            add("out of range", frame("CHAT:GET_INIT_MESSAGES", fields("groupId", q(G), "limit", limit)), BAD);
        }
        add("out of range", frame("CHAT:GET_INIT_MESSAGES", fields("groupId", q(G), "beforeSeq", "0")), BAD);
        add("out of range", frame("CHAT:GET_INIT_MESSAGES", fields("groupId", q(G), "afterSeq", "-1")), BAD);
        add("both cursors", frame("CHAT:GET_INIT_MESSAGES", fields("groupId", q(G), "beforeSeq", "5", "afterSeq", "1")), BAD);
        for (String url : List.of("http://x.example/a.png", "javascript:alert(1)", "https://", "//x.example/a.png",
                "file:///etc/passwd", "data:image/png;base64,AAAA", "ftp://x.example/a.png", "not a url")) {
            add("bad url", frame("CHAT:SEND_MESSAGE_IMAGE", fields("groupId", q(G), "url", q(url))), BAD);
        }
        add("both media", frame("CHAT:SEND_MESSAGE_GIF", fields("groupId", q(G), "url", q("https://x.example/a.gif"),
                "mediaId", q("AAAAAAAAAAAAAAAAAAAAAA"))), BAD);
        add("wrong media kind", frame("CHAT:SEND_MESSAGE_GIF", fields("groupId", q(G), "url", q("https://x.example/a.png"))), BAD);
        add("wrong media kind", frame("CHAT:SEND_MESSAGE_IMAGE", fields("groupId", q(G), "url", q("https://x.example/a.mp3"))), BAD);
    }

    private void malformedAndTruncatedJson() {
        List<String> valid = new ArrayList<>();
        templates().forEach((type, template) -> valid.add(frame(type, template)));
        for (int i = 0; i < 220; i++) {
            String whole = valid.get(random.nextInt(valid.size()));
            // Cut anywhere before the last brace: what is left is never a whole JSON value.
            add("truncated", whole.substring(0, random.nextInt(whole.length() - 1)), BAD);
        }
        for (String broken : List.of("{", "}", "{]", "[", "{\"type\"}", "{\"type\":}", "{\"type\":\"GROUP:GET_ALL_GROUPS\",}",
                "{'type':'GROUP:GET_ALL_GROUPS'}", "{type:\"GROUP:GET_ALL_GROUPS\"}", "{\"type\":\"GROUP:GET_ALL_GROUPS\" \"data\":{}}",
                "{\"type\":NaN}", "{\"type\":Infinity}", "/* */{\"type\":\"GROUP:GET_ALL_GROUPS\"}",
                "{\"type\":\"GROUP:GET_ALL_GROUPS\"}}", "{\"type\":\"GROUP:GET_ALL_GROUPS\"}{}", "nul", "tru", "\"unterminated",
                "{\"type\":\"GROUP:GET_ALL_GROUPS\\x\"}", "{\"type\":\"\\u12\"}", "\u0000", "   ", "\n", "\uFEFF")) {
            add("malformed", broken, BAD);
        }
        for (int i = 0; i < 60; i++) {
            add("garbage", garbage(1 + random.nextInt(200)), BAD);
        }
    }

    private void notObjects() {
        for (String value : List.of("null", "true", "false", "0", "-1", "1e400", "\"GROUP:GET_ALL_GROUPS\"", "[]",
                "[{\"type\":\"GROUP:GET_ALL_GROUPS\"}]", "[1,2,3]", "\"\"", "12345678901234567890")) {
            add("not an object", value, BAD);
        }
    }

    private void deepNesting() {
        for (int i = 0; i < 40; i++) {
            int depth = 100 + random.nextInt(20_000);
            String open = i % 2 == 0 ? "[".repeat(depth) : "{\"a\":".repeat(depth);
            String close = i % 2 == 0 ? "]".repeat(depth) : "}".repeat(depth);
            String nested = open + "1" + close;
            String text = switch (i % 4) {
                case 0 -> nested;
                case 1 -> frame("GROUP:ADD_GROUP", fields("name", nested));
                case 2 -> "{\"type\":\"GROUP:JOIN_GROUP\",\"data\":{\"groupId\":" + nested + "}}";
                default -> "{\"type\":\"CHAT:SEND_MESSAGE_TEXT\",\"data\":{\"groupId\":\"" + G + "\",\"extra\":"
                        + nested + "}}";
            };
            if (text.length() < 60_000) {
                add("deep nesting", text, BAD);
            }
        }
    }

    private void hugeNumbersAndStrings() {
        for (int i = 0; i < 30; i++) {
            String digits = "9".repeat(20 + random.nextInt(3_000));
            String field = List.of("limit", "beforeSeq", "afterSeq").get(i % 3);
            add("huge number", frame("CHAT:GET_INIT_MESSAGES", fields("groupId", q(G), field, digits)), BAD);
            add("huge number", frame("GROUP:JOIN_GROUP", fields("groupId", "-" + digits + ".5e" + digits)), BAD);
        }
        for (int i = 0; i < 30; i++) {
            int extra = 1 + random.nextInt(9_000);
            add("huge text", frame("CHAT:SEND_MESSAGE_TEXT", fields("groupId", q(G), "text", q("t".repeat(4_000 + extra)))),
                    "TOO_LARGE");
            add("huge caption", frame("CHAT:SEND_MESSAGE_GIF", fields("groupId", q(G), "url", q("https://x.example/a.gif"),
                    "caption", q("\u00e9".repeat(4_000 + extra)))), "TOO_LARGE");
            add("huge name", frame("GROUP:ADD_GROUP", fields("name", q("n".repeat(100 + extra)))), BAD);
            add("huge description", frame("GROUP:ADD_GROUP", fields("name", q("ok"),
                    "description", q("d".repeat(1_000 + extra)))), BAD);
            add("huge id", frame("GROUP:JOIN_GROUP", fields("groupId", q("g".repeat(128 + extra)))), BAD);
            add("huge id", frame("CHAT:SEND_MESSAGE_TEXT", fields("groupId", q(G), "text", q("hi"),
                    "clientMessageId", q("c".repeat(128 + extra)))), BAD);
            add("huge url", frame("CHAT:SEND_MESSAGE_IMAGE", fields("groupId", q(G),
                    "url", q("https://x.example/" + "u".repeat(2_030 + extra)))), BAD);
            add("huge type", "{\"type\":\"" + "GROUP:".repeat(1 + extra / 6) + "\"}", UNKNOWN);
        }
    }

    private void unknownTypesAndControlCharacters() {
        List<UnaryOperator<String>> twists = List.of(String::toLowerCase, t -> t + " ", t -> " " + t, t -> t + "\\u0000",
                t -> t.replace(":", "\\u0000"), t -> t + "\\ud800", t -> "\\udfff" + t, t -> "\\u0410" + t.substring(1),
                t -> t + "\\u200b", t -> t.replace("_", "-"), t -> t.replace(":", "::"), t -> t + "\\n");
        for (String type : templates().keySet()) {
            for (UnaryOperator<String> twist : twists) {
                add("unknown type", "{\"type\":\"" + twist.apply(type) + "\",\"data\":{}}", UNKNOWN);
            }
        }
        for (String type : List.of("SYSTEM:CONNECTED", "SYSTEM:ERROR", "CHAT:MESSAGE_RETURN_TEXT", "GROUP:GROUP_ADDED",
                "GROUP:USER_JOINED", "ADMIN:GRANT", "", "GROUP", ":", "__proto__", "constructor")) {
            add("unknown type", "{\"type\":\"" + type + "\",\"data\":{\"groupId\":\"" + G + "\"}}", UNKNOWN);
        }
        // A lone surrogate cannot be sent in a text frame, but JSON's escapes can spell one.
        templates().forEach((type, template) -> template.keySet().forEach(field -> {
            if (template.get(field).startsWith("\"")) {
                String value = template.get(field);
                add("lone surrogate", frame(type, with(template, field, value.substring(0, value.length() - 1)
                        + (field.equals("url") ? "\\ud800.png\"" : "\\udbff\""))), BAD);
            }
        }));
        for (int c = 0; c < 0x20; c++) {
            // unescaped control characters are not JSON
            add("raw control character", "{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":\"a" + (char) c + "b\"}}", BAD);
        }
    }

    /** Well-formed requests a stranger to {G} may not make: refused by the gateway or the processor. */
    private void forbiddenToAStranger() {
        for (int i = 0; i < 6; i++) {
            String cid = "\"clientMessageId\":\"h" + i + "\"";
            add("stranger", "{\"type\":\"CHAT:SEND_MESSAGE_TEXT\",\"data\":{\"groupId\":\"" + G + "\",\"text\":\"x\","
                    + cid + ",\"sender\":{\"userId\":\"alice\"},\"userId\":\"alice\"}}", "NOT_MEMBER");
            add("stranger", frame("GROUP:GET_INIT_DATA", fields("groupId", q(G))), "NOT_MEMBER");
            add("stranger", frame("CHAT:GET_INIT_MESSAGES", fields("groupId", q(G))), "NOT_MEMBER");
            add("stranger", frame("GROUP:LEAVE_GROUP", fields("groupId", q(G), "userId", q("alice"))), "NOT_MEMBER");
            add("stranger", frame("GROUP:DELETE_GROUP", fields("groupId", q(G), "actor", q("alice"))), "FORBIDDEN");
            add("stranger", frame("CHAT:START_TYPING", fields("groupId", q(G))), "NOT_MEMBER");
            add("stranger", frame("CHAT:SEND_MESSAGE_IMAGE", fields("groupId", q(G), "mediaId",
                    q("AAAAAAAAAAAAAAAAAAAAA" + (char) ('A' + i)))), "NOT_FOUND");
            add("no such group", frame("GROUP:JOIN_GROUP", fields("groupId", q("nope-" + i))), "NOT_FOUND");
            add("no such group", frame("GROUP:JOIN_GROUP", fields("groupId", q("\\u0000\\u001f|" + i))), "NOT_FOUND");
            add("no such group", frame("CHAT:SEND_MESSAGE_TEXT", fields("groupId", q("../" + G), "text", q("x"))),
                    "NOT_FOUND");
        }
    }

    private String garbage(int length) {
        StringBuilder text = new StringBuilder();
        // Whole code points only: a lone surrogate cannot be sent in a text frame (see HostileInputIT for bytes).
        List<String> alphabet = List.of("{", "}", "[", "]", "\"", ":", ",", "\\", "n", "t", "r", "u", "f", "a", "l",
                "s", "e", "0", "1", "9", ".", "E", "+", "-", " ", "\t", "\u00e9", "\u20ac", "\ud83d\ude00");
        while (text.length() < length) {
            text.append(alphabet.get(random.nextInt(alphabet.size())));
        }
        // Never by chance a whole JSON object: an object ends with '}', this never does.
        return text.append('[').toString();
    }

    private void add(String category, String text, String code) {
        frames.add(new Frame(category, text, code));
    }

    private static String frame(String type, Map<String, String> data) {
        StringBuilder json = new StringBuilder("{\"type\":\"").append(type).append("\",\"data\":{");
        data.forEach((name, value) -> json.append('"').append(name).append("\":").append(value).append(','));
        if (!data.isEmpty()) {
            json.setLength(json.length() - 1);
        }
        return json.append("}}").toString();
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static Map<String, String> with(Map<String, String> template, String field, String value) {
        Map<String, String> changed = new LinkedHashMap<>(template);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> template, String field) {
        Map<String, String> changed = new LinkedHashMap<>(template);
        changed.remove(field);
        return changed;
    }

    private static String q(String text) {
        return "\"" + text + "\"";
    }
}
