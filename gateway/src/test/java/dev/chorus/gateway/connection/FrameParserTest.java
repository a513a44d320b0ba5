package dev.chorus.gateway.connection;

import dev.chorus.protocol.ClientEventType;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Rules;
import dev.chorus.topic.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

class FrameParserTest {

    /** Small, so that the too-large cases stay readable. */
    private static final int MAX_TEXT = 20;

    private final FrameParser parser = new FrameParser(MAX_TEXT);

    enum Kind { STRING, INTEGER }

    record Field(String name, Kind kind, boolean required) {
        static Field required(String name) {
            return new Field(name, Kind.STRING, true);
        }

        static Field optional(String name) {
            return new Field(name, Kind.STRING, false);
        }

        static Field optionalInteger(String name) {
            return new Field(name, Kind.INTEGER, false);
        }
    }

    /** One client event: a valid {@code data}, what it parses to, and the fields it reads. */
    record Spec(ClientEventType type, Map<String, Object> data, ClientRequest expected, List<Field> fields) {
        @Override
        public String toString() {
            return type.wireName();
        }
    }

    static List<Spec> specs() {
        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec(ClientEventType.GET_ALL_GROUPS, data(), new ClientRequest.GetAllGroups(), List.of()));
        specs.add(new Spec(ClientEventType.ADD_GROUP, data("name", "Friends", "description", "weekend plans"),
                new ClientRequest.AddGroup("Friends", "weekend plans"),
                List.of(Field.required("name"), Field.optional("description"))));
        specs.add(groupOnly(ClientEventType.DELETE_GROUP, new ClientRequest.DeleteGroup("g1")));
        specs.add(groupOnly(ClientEventType.JOIN_GROUP, new ClientRequest.JoinGroup("g1")));
        specs.add(groupOnly(ClientEventType.LEAVE_GROUP, new ClientRequest.LeaveGroup("g1")));
        specs.add(groupOnly(ClientEventType.GET_INIT_DATA, new ClientRequest.GetInitData("g1")));
        specs.add(groupOnly(ClientEventType.START_TYPING, new ClientRequest.StartTyping("g1")));
        specs.add(groupOnly(ClientEventType.STOP_TYPING, new ClientRequest.StopTyping("g1")));
        specs.add(new Spec(ClientEventType.GET_INIT_MESSAGES, data("groupId", "g1", "limit", 20, "beforeSeq", 100),
                new ClientRequest.GetInitMessages("g1", 20, 100L, null),
                List.of(Field.required("groupId"), Field.optionalInteger("limit"),
                        Field.optionalInteger("beforeSeq"), Field.optionalInteger("afterSeq"))));
        specs.add(new Spec(ClientEventType.SEND_MESSAGE_TEXT,
                data("groupId", "g1", "text", "hello", "clientMessageId", "c1"),
                new ClientRequest.SendMessageText("g1", "hello", "c1"),
                List.of(Field.required("groupId"), Field.required("text"), Field.optional("clientMessageId"))));
        specs.add(new Spec(ClientEventType.SEND_MESSAGE_IMAGE,
                data("groupId", "g1", "mediaId", "m1", "caption", "look", "clientMessageId", "c2"),
                new ClientRequest.SendMessageMedia(MessageKind.IMAGE, "g1", "m1", null, "look", "c2"),
                mediaFields()));
        specs.add(new Spec(ClientEventType.SEND_MESSAGE_AUDIO,
                data("groupId", "g1", "url", "https://cdn.example.com/a.ogg"),
                new ClientRequest.SendMessageMedia(MessageKind.AUDIO, "g1", null, "https://cdn.example.com/a.ogg",
                        null, null),
                mediaFields()));
        specs.add(new Spec(ClientEventType.SEND_MESSAGE_GIF,
                data("groupId", "g1", "url", "https://media.example.com/x.gif", "caption", "lol"),
                new ClientRequest.SendMessageMedia(MessageKind.GIF, "g1", null, "https://media.example.com/x.gif",
                        "lol", null),
                mediaFields()));
        specs.add(new Spec(ClientEventType.REFRESH_PROFILE, data(), new ClientRequest.RefreshProfile(), List.of()));
        return specs;
    }

    @Test
    void theTableCoversEveryClientEventType() {
        assertThat(specs().stream().map(Spec::type)).containsExactlyInAnyOrder(ClientEventType.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void aValidFrameParsesToItsRequest(Spec spec) {
        assertThat(parser.parse(frame(spec.type().wireName(), spec.data())))
                .isEqualTo(new ParseResult.Accepted(spec.expected()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void fieldsClaimingAnotherIdentityAreIgnored(Spec spec) {
        Map<String, Object> data = new LinkedHashMap<>(spec.data());
        data.put("userId", "mallory");
        data.put("senderId", "mallory");
        data.put("sender", Map.of("userId", "mallory", "displayName", "Mallory"));
        data.put("actor", Map.of("userId", "mallory"));
        assertThat(parser.parse(frame(spec.type().wireName(), data)))
                .isEqualTo(new ParseResult.Accepted(spec.expected()));
    }

    static Stream<Arguments> missingRequiredFields() {
        return specs().stream().flatMap(spec -> spec.fields().stream().filter(Field::required)
                .map(field -> Arguments.of(spec, field.name())));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("missingRequiredFields")
    void aMissingRequiredFieldIsABadRequest(Spec spec, String field) {
        Map<String, Object> data = new LinkedHashMap<>(spec.data());
        data.remove(field);
        assertRejected(parser.parse(frame(spec.type().wireName(), data)), ErrorCode.BAD_REQUEST, field + " is required");

        data.put(field, null);
        assertRejected(parser.parse(frame(spec.type().wireName(), data)), ErrorCode.BAD_REQUEST, field + " is required");
    }

    static Stream<Arguments> wrongTypes() {
        return specs().stream().flatMap(spec -> spec.fields().stream().flatMap(field ->
                wrongValues(field.kind()).stream().map(value -> Arguments.of(spec, field.name(), value,
                        field.kind() == Kind.STRING ? " must be a string" : " must be an integer"))));
    }

    private static List<Object> wrongValues(Kind kind) {
        return kind == Kind.STRING
                ? List.of(42, 4.2, true, List.of("g1"), Map.of("id", "g1"))
                : List.of("5", 5.5, 5.0, true, List.of(5), Map.of("n", 5));
    }

    @ParameterizedTest(name = "{0} with {1} = {2}")
    @MethodSource("wrongTypes")
    void aFieldOfTheWrongJsonTypeIsABadRequestNeverCoerced(Spec spec, String field, Object value, String message) {
        Map<String, Object> data = new LinkedHashMap<>(spec.data());
        data.put(field, value);
        assertRejected(parser.parse(frame(spec.type().wireName(), data)), ErrorCode.BAD_REQUEST, field + message);
    }

    static Stream<Arguments> envelopes() {
        return Stream.of(
                Arguments.of("not json", "not valid JSON"),
                Arguments.of("{\"type\":\"GROUP:GET_ALL_GROUPS\"", "not valid JSON"),
                Arguments.of("", "JSON object"),
                Arguments.of("{\"type\":\"GROUP:GET_ALL_GROUPS\"} {}", "not valid JSON"),
                Arguments.of("{\"type\":\"GROUP:GET_ALL_GROUPS\"} trailing", "not valid JSON"),
                Arguments.of("[]", "JSON object"),
                Arguments.of("\"GROUP:GET_ALL_GROUPS\"", "JSON object"),
                Arguments.of("42", "JSON object"),
                Arguments.of("null", "JSON object"),
                Arguments.of("{}", "type is required"),
                Arguments.of("{\"type\":null}", "type is required"),
                Arguments.of("{\"data\":{}}", "type is required"),
                Arguments.of("{\"type\":42}", "type must be a string"),
                Arguments.of("{\"type\":[\"GROUP:GET_ALL_GROUPS\"]}", "type must be a string"),
                Arguments.of("{\"type\":{}}", "type must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void aBrokenEnvelopeIsABadRequestWithNoContext(String frame, String message) {
        ParseResult.Rejected rejected = assertRejected(parser.parse(frame), ErrorCode.BAD_REQUEST, message);
        assertThat(rejected.context()).isEqualTo(RequestContext.NONE);
    }

    static Stream<Arguments> dataThatIsNotAnObject() {
        return Stream.of(Arguments.of("[]"), Arguments.of("\"g1\""), Arguments.of("42"), Arguments.of("true"));
    }

    @ParameterizedTest(name = "data = {0}")
    @MethodSource("dataThatIsNotAnObject")
    void dataThatIsNotAnObjectIsABadRequest(String data) {
        ParseResult.Rejected rejected = assertRejected(
                parser.parse("{\"type\":\"GROUP:JOIN_GROUP\",\"data\":" + data + "}"),
                ErrorCode.BAD_REQUEST, "data must be a JSON object");
        assertThat(rejected.context()).isEqualTo(new RequestContext("GROUP:JOIN_GROUP", null, null));
    }

    @Test
    void absentOrNullDataIsAnEmptyObject() {
        assertThat(parser.parse("{\"type\":\"GROUP:GET_ALL_GROUPS\"}"))
                .isEqualTo(new ParseResult.Accepted(new ClientRequest.GetAllGroups()));
        assertThat(parser.parse("{\"type\":\"USER:REFRESH_PROFILE\",\"data\":null}"))
                .isEqualTo(new ParseResult.Accepted(new ClientRequest.RefreshProfile()));
        assertRejected(parser.parse("{\"type\":\"GROUP:JOIN_GROUP\"}"), ErrorCode.BAD_REQUEST, "groupId is required");
    }

    @Test
    void unknownTopLevelFieldsAreIgnored() {
        assertThat(parser.parse("{\"type\":\"GROUP:JOIN_GROUP\",\"data\":{\"groupId\":\"g1\"},\"id\":7,\"v\":2}"))
                .isEqualTo(new ParseResult.Accepted(new ClientRequest.JoinGroup("g1")));
    }

    @Test
    void anUnknownTypeIsUnknownTypeAndEchoesWhatItCould() {
        ParseResult.Rejected rejected = assertRejected(
                parser.parse("{\"type\":\"GROUP:RENAME_GROUP\",\"data\":{\"groupId\":\"g1\",\"clientMessageId\":\"c1\"}}"),
                ErrorCode.UNKNOWN_TYPE, "GROUP:RENAME_GROUP");
        assertThat(rejected.context()).isEqualTo(new RequestContext("GROUP:RENAME_GROUP", "g1", "c1"));
        assertRejected(parser.parse("{\"type\":\"group:join_group\",\"data\":{\"groupId\":\"g1\"}}"),
                ErrorCode.UNKNOWN_TYPE, "group:join_group");
    }

    @Test
    void aLoneSurrogateInAnyStringFieldIsABadRequestAndIsNeverEchoedAsIs() {
        ParseResult.Rejected url = assertRejected(parser.parse("{\"type\":\"CHAT:SEND_MESSAGE_GIF\",\"data\":"
                + "{\"groupId\":\"g1\",\"url\":\"https://x.example/\\ud800.gif\"}}"), ErrorCode.BAD_REQUEST, "Unicode");
        assertThat(url.context().groupId()).isEqualTo("g1");
        ParseResult.Rejected groupId = assertRejected(parser.parse(
                "{\"type\":\"GROUP:JOIN_GROUP\",\"data\":{\"groupId\":\"g\\udfff\"}}"), ErrorCode.BAD_REQUEST, "Unicode");
        ParseResult.Rejected type = assertRejected(parser.parse("{\"type\":\"GROUP:\\ud800\"}"),
                ErrorCode.UNKNOWN_TYPE, "unknown type");
        String answer = Frames.error(type.problem(), type.context()).getPayload();
        assertThat(Rules.wellFormed(answer)).as("the answer can be sent").isTrue();
        assertThat(answer).contains("\"requestType\":\"GROUP:?\"");
        assertThat(Rules.wellFormed(Frames.error(groupId.problem(), groupId.context()).getPayload())).isTrue();
    }

    @Test
    void aRejectionEchoesTheRequestTypeGroupAndClientMessageId() {
        ParseResult.Rejected rejected = assertRejected(parser.parse(frame("CHAT:SEND_MESSAGE_TEXT",
                data("groupId", "g1", "text", "x".repeat(MAX_TEXT + 1), "clientMessageId", "c7"))),
                ErrorCode.TOO_LARGE, "at most " + MAX_TEXT);
        assertThat(rejected.context()).isEqualTo(new RequestContext("CHAT:SEND_MESSAGE_TEXT", "g1", "c7"));

        ParseResult.Rejected wrongType = assertRejected(parser.parse(frame("CHAT:SEND_MESSAGE_TEXT",
                data("groupId", 42, "text", "hi", "clientMessageId", "c8"))), ErrorCode.BAD_REQUEST, "groupId");
        assertThat(wrongType.context()).isEqualTo(new RequestContext("CHAT:SEND_MESSAGE_TEXT", null, "c8"));
    }

    static Stream<Arguments> rules() {
        String longId = "i".repeat(Rules.MAX_ID_CHARS + 1);
        String emojis = "\uD83D\uDE00".repeat(MAX_TEXT);
        return Stream.of(
                // group name and description
                rejected("GROUP:ADD_GROUP", data("name", ""), ErrorCode.BAD_REQUEST, "name"),
                rejected("GROUP:ADD_GROUP", data("name", "   "), ErrorCode.BAD_REQUEST, "name"),
                rejected("GROUP:ADD_GROUP", data("name", "n".repeat(Rules.MAX_GROUP_NAME_CHARS + 1)),
                        ErrorCode.BAD_REQUEST, "at most " + Rules.MAX_GROUP_NAME_CHARS),
                accepted("GROUP:ADD_GROUP", data("name", "n".repeat(Rules.MAX_GROUP_NAME_CHARS)),
                        new ClientRequest.AddGroup("n".repeat(Rules.MAX_GROUP_NAME_CHARS), null)),
                rejected("GROUP:ADD_GROUP", data("name", "ok", "description", "d".repeat(Rules.MAX_DESCRIPTION_CHARS + 1)),
                        ErrorCode.BAD_REQUEST, "at most " + Rules.MAX_DESCRIPTION_CHARS),
                accepted("GROUP:ADD_GROUP", data("name", "ok", "description", null),
                        new ClientRequest.AddGroup("ok", null)),
                // ids
                rejected("GROUP:JOIN_GROUP", data("groupId", ""), ErrorCode.BAD_REQUEST, "groupId"),
                rejected("GROUP:DELETE_GROUP", data("groupId", " "), ErrorCode.BAD_REQUEST, "groupId"),
                rejected("GROUP:LEAVE_GROUP", data("groupId", longId), ErrorCode.BAD_REQUEST,
                        "at most " + Rules.MAX_ID_CHARS),
                rejected("CHAT:SEND_MESSAGE_TEXT", data("groupId", "g1", "text", "hi", "clientMessageId", ""),
                        ErrorCode.BAD_REQUEST, "clientMessageId"),
                rejected("CHAT:SEND_MESSAGE_TEXT", data("groupId", "g1", "text", "hi", "clientMessageId", longId),
                        ErrorCode.BAD_REQUEST, "clientMessageId"),
                // text
                rejected("CHAT:SEND_MESSAGE_TEXT", data("groupId", "g1", "text", ""), ErrorCode.BAD_REQUEST, "text"),
                rejected("CHAT:SEND_MESSAGE_TEXT", data("groupId", "g1", "text", " \n\t"), ErrorCode.BAD_REQUEST, "text"),
                rejected("CHAT:SEND_MESSAGE_TEXT", data("groupId", "g1", "text", "x".repeat(MAX_TEXT + 1)),
                        ErrorCode.TOO_LARGE, "at most " + MAX_TEXT),
                accepted("CHAT:SEND_MESSAGE_TEXT", data("groupId", "g1", "text", "x".repeat(MAX_TEXT)),
                        new ClientRequest.SendMessageText("g1", "x".repeat(MAX_TEXT), null)),
                accepted("CHAT:SEND_MESSAGE_TEXT", data("groupId", "g1", "text", emojis),
                        new ClientRequest.SendMessageText("g1", emojis, null)),
                rejected("CHAT:SEND_MESSAGE_TEXT", data("groupId", "g1", "text", emojis + "\uD83D\uDE00"),
                        ErrorCode.TOO_LARGE, "at most " + MAX_TEXT),
                // paging
                rejected("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "limit", 0), ErrorCode.BAD_REQUEST, "limit"),
                rejected("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "limit", Rules.MAX_PAGE + 1),
                        ErrorCode.BAD_REQUEST, "limit"),
                rejected("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "limit", -1), ErrorCode.BAD_REQUEST, "limit"),
                rejected("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "limit", 10_000_000_000L),
                        ErrorCode.BAD_REQUEST, "limit is out of range"),
                accepted("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "limit", 1),
                        new ClientRequest.GetInitMessages("g1", 1, null, null)),
                accepted("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "limit", Rules.MAX_PAGE),
                        new ClientRequest.GetInitMessages("g1", Rules.MAX_PAGE, null, null)),
                accepted("CHAT:GET_INIT_MESSAGES", data("groupId", "g1"),
                        new ClientRequest.GetInitMessages("g1", null, null, null)),
                rejected("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "beforeSeq", 0), ErrorCode.BAD_REQUEST,
                        "beforeSeq"),
                accepted("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "beforeSeq", 1),
                        new ClientRequest.GetInitMessages("g1", null, 1L, null)),
                rejected("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "afterSeq", -1), ErrorCode.BAD_REQUEST,
                        "afterSeq"),
                accepted("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "afterSeq", 0),
                        new ClientRequest.GetInitMessages("g1", null, null, 0L)),
                accepted("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "afterSeq", Long.MAX_VALUE),
                        new ClientRequest.GetInitMessages("g1", null, null, Long.MAX_VALUE)),
                rejected("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "beforeSeq", 5, "afterSeq", 2),
                        ErrorCode.BAD_REQUEST, "not both"),
                rejected("CHAT:GET_INIT_MESSAGES", data("groupId", "g1", "afterSeq", new java.math.BigInteger("9223372036854775808")),
                        ErrorCode.BAD_REQUEST, "afterSeq is out of range"),
                // media
                rejected("CHAT:SEND_MESSAGE_IMAGE", data("groupId", "g1"), ErrorCode.BAD_REQUEST, "exactly one"),
                rejected("CHAT:SEND_MESSAGE_AUDIO", data("groupId", "g1", "mediaId", "m1", "url", "https://x.example/a.ogg"),
                        ErrorCode.BAD_REQUEST, "exactly one"),
                rejected("CHAT:SEND_MESSAGE_GIF", data("groupId", "g1", "url", "http://x.example/a.gif"),
                        ErrorCode.BAD_REQUEST, "https://"),
                rejected("CHAT:SEND_MESSAGE_GIF", data("groupId", "g1", "url", "ftp://x.example/a.gif"),
                        ErrorCode.BAD_REQUEST, "https://"),
                rejected("CHAT:SEND_MESSAGE_GIF", data("groupId", "g1", "url", "https:///a.gif"),
                        ErrorCode.BAD_REQUEST, "url"),
                rejected("CHAT:SEND_MESSAGE_GIF", data("groupId", "g1", "url", "javascript:alert(1)"),
                        ErrorCode.BAD_REQUEST, "https://"),
                rejected("CHAT:SEND_MESSAGE_GIF", data("groupId", "g1", "url", "https://x.example/a b.gif"),
                        ErrorCode.BAD_REQUEST, "url is not a valid URL"),
                rejected("CHAT:SEND_MESSAGE_GIF", data("groupId", "g1", "url",
                        "https://x.example/" + "a".repeat(FrameParser.MAX_URL_CHARS)), ErrorCode.BAD_REQUEST, "url"),
                accepted("CHAT:SEND_MESSAGE_GIF", data("groupId", "g1", "url", "HTTPS://X.example/a.gif"),
                        new ClientRequest.SendMessageMedia(MessageKind.GIF, "g1", null, "HTTPS://X.example/a.gif",
                                null, null)),
                rejected("CHAT:SEND_MESSAGE_IMAGE", data("groupId", "g1", "mediaId", ""), ErrorCode.BAD_REQUEST,
                        "mediaId"),
                rejected("CHAT:SEND_MESSAGE_IMAGE", data("groupId", "g1", "mediaId", longId), ErrorCode.BAD_REQUEST,
                        "mediaId"),
                rejected("CHAT:SEND_MESSAGE_IMAGE", data("groupId", "g1", "mediaId", "m1", "caption",
                        "c".repeat(MAX_TEXT + 1)), ErrorCode.TOO_LARGE, "at most " + MAX_TEXT),
                accepted("CHAT:SEND_MESSAGE_IMAGE", data("groupId", "g1", "mediaId", "m1", "caption", ""),
                        new ClientRequest.SendMessageMedia(MessageKind.IMAGE, "g1", "m1", null, "", null)),
                rejected("CHAT:SEND_MESSAGE_AUDIO", data("groupId", "g1", "mediaId", "m1", "clientMessageId", " "),
                        ErrorCode.BAD_REQUEST, "clientMessageId"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("rules")
    void theSharedRulesApply(String type, Map<String, Object> data, Object expected, String message) {
        ParseResult result = parser.parse(frame(type, data));
        if (expected instanceof ClientRequest request) {
            assertThat(result).isEqualTo(new ParseResult.Accepted(request));
        } else {
            assertRejected(result, (ErrorCode) expected, message);
        }
    }

    private static Arguments rejected(String type, Map<String, Object> data, ErrorCode code, String message) {
        return Arguments.of(type, data, code, message);
    }

    private static Arguments accepted(String type, Map<String, Object> data, ClientRequest request) {
        return Arguments.of(type, data, request, "");
    }

    private static Spec groupOnly(ClientEventType type, ClientRequest expected) {
        return new Spec(type, data("groupId", "g1"), expected, List.of(Field.required("groupId")));
    }

    private static List<Field> mediaFields() {
        return List.of(Field.required("groupId"), Field.optional("mediaId"), Field.optional("url"),
                Field.optional("caption"), Field.optional("clientMessageId"));
    }

    private static ParseResult.Rejected assertRejected(ParseResult result, ErrorCode code, String messagePart) {
        if (!(result instanceof ParseResult.Rejected rejected)) {
            return fail("expected a rejection (" + code + ", " + messagePart + ") but got " + result);
        }
        assertThat(rejected.problem().code()).isEqualTo(code);
        assertThat(rejected.problem().message()).contains(messagePart);
        return rejected;
    }

    /** An ordered map that, unlike {@code Map.of}, may hold nulls. */
    static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return data;
    }

    static String frame(String type, Map<String, Object> data) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put("data", data);
        return Json.mapper().writeValueAsString(frame);
    }
}
