package dev.chorus.gateway.connection;

import dev.chorus.protocol.ClientEventType;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Problem;
import dev.chorus.protocol.Rules;
import dev.chorus.topic.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.chorus.gateway.connection.DataFields.check;

/**
 * Reads one text frame into a validated {@link ClientRequest}, or into the problem to answer. Pure: no I/O,
 * no clock, so every rule of PROTOCOL.md is unit-tested here. Unknown fields are ignored, including any that
 * claim an identity: the actor is always the token's subject.
 */
final class FrameParser {

    /** What browsers and CDNs reliably carry; a media URL past it is not one a client should send. */
    static final int MAX_URL_CHARS = 2_048;
    private static final String HTTPS = "https";

    private final int maxTextChars;
    private final Map<ClientEventType, Function<DataFields, ClientRequest>> readers =
            new EnumMap<>(ClientEventType.class);

    FrameParser(int maxTextChars) {
        this.maxTextChars = maxTextChars;
        readers.put(ClientEventType.GET_ALL_GROUPS, data -> new ClientRequest.GetAllGroups());
        readers.put(ClientEventType.ADD_GROUP, this::addGroup);
        readers.put(ClientEventType.DELETE_GROUP, data -> new ClientRequest.DeleteGroup(groupId(data)));
        readers.put(ClientEventType.JOIN_GROUP, data -> new ClientRequest.JoinGroup(groupId(data)));
        readers.put(ClientEventType.LEAVE_GROUP, data -> new ClientRequest.LeaveGroup(groupId(data)));
        readers.put(ClientEventType.GET_INIT_DATA, data -> new ClientRequest.GetInitData(groupId(data)));
        readers.put(ClientEventType.GET_INIT_MESSAGES, this::getInitMessages);
        readers.put(ClientEventType.START_TYPING, data -> new ClientRequest.StartTyping(groupId(data)));
        readers.put(ClientEventType.STOP_TYPING, data -> new ClientRequest.StopTyping(groupId(data)));
        readers.put(ClientEventType.SEND_MESSAGE_TEXT, this::sendText);
        readers.put(ClientEventType.SEND_MESSAGE_IMAGE, data -> sendMedia(MessageKind.IMAGE, data));
        readers.put(ClientEventType.SEND_MESSAGE_AUDIO, data -> sendMedia(MessageKind.AUDIO, data));
        readers.put(ClientEventType.SEND_MESSAGE_GIF, data -> sendMedia(MessageKind.GIF, data));
        readers.put(ClientEventType.REFRESH_PROFILE, data -> new ClientRequest.RefreshProfile());
    }

    ParseResult parse(String frame) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(frame);
        } catch (JacksonException e) {
            return rejected("frame is not valid JSON", RequestContext.NONE);
        }
        if (root == null || !root.isObject()) {
            return rejected("frame must be a JSON object {\"type\": string, \"data\": object}", RequestContext.NONE);
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || typeNode.isNull()) {
            return rejected("type is required", RequestContext.NONE);
        }
        if (!typeNode.isString()) {
            return rejected("type must be a string", RequestContext.NONE);
        }
        String typeName = typeNode.stringValue();
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            data = Json.mapper().createObjectNode();
        } else if (!data.isObject()) {
            return rejected("data must be a JSON object", new RequestContext(typeName, null, null));
        }
        RequestContext context = new RequestContext(typeName, textOrNull(data, "groupId"),
                textOrNull(data, "clientMessageId"));
        Optional<ClientEventType> type = ClientEventType.fromWireName(typeName);
        if (type.isEmpty()) {
            return new ParseResult.Rejected(new Problem(ErrorCode.UNKNOWN_TYPE, "unknown type " + typeName), context);
        }
        try {
            return new ParseResult.Accepted(readers.get(type.get()).apply(new DataFields(data)));
        } catch (DataFields.Rejection rejection) {
            return new ParseResult.Rejected(rejection.problem(), context);
        }
    }

    private ClientRequest addGroup(DataFields data) {
        String name = data.requiredString("name");
        check(Rules.groupName(name));
        String description = data.optionalString("description");
        check(Rules.description(description));
        return new ClientRequest.AddGroup(name, description);
    }

    private ClientRequest getInitMessages(DataFields data) {
        String groupId = groupId(data);
        Integer limit = data.optionalInt("limit");
        Long beforeSeq = data.optionalLong("beforeSeq");
        Long afterSeq = data.optionalLong("afterSeq");
        check(Rules.page(limit, beforeSeq, afterSeq));
        return new ClientRequest.GetInitMessages(groupId, limit, beforeSeq, afterSeq);
    }

    private ClientRequest sendText(DataFields data) {
        String groupId = groupId(data);
        String text = data.requiredString("text");
        check(Rules.text(text, maxTextChars));
        return new ClientRequest.SendMessageText(groupId, text, clientMessageId(data));
    }

    private ClientRequest sendMedia(MessageKind kind, DataFields data) {
        String groupId = groupId(data);
        String mediaId = data.optionalString("mediaId");
        String url = data.optionalString("url");
        if ((mediaId == null) == (url == null)) {
            throw new DataFields.Rejection(Problem.badRequest("give exactly one of mediaId and url"));
        }
        check(Rules.optionalId("mediaId", mediaId));
        if (url != null) {
            check(httpsUrl(url));
        }
        String caption = data.optionalString("caption");
        check(Rules.caption(caption, maxTextChars));
        return new ClientRequest.SendMessageMedia(kind, groupId, mediaId, url, caption, clientMessageId(data));
    }

    private static String groupId(DataFields data) {
        String groupId = data.requiredString("groupId");
        check(Rules.id("groupId", groupId));
        return groupId;
    }

    private static String clientMessageId(DataFields data) {
        String clientMessageId = data.optionalString("clientMessageId");
        check(Rules.optionalId("clientMessageId", clientMessageId));
        return clientMessageId;
    }

    static Optional<Problem> httpsUrl(String url) {
        if (url.length() > MAX_URL_CHARS) {
            return Optional.of(Problem.badRequest("url must be at most " + MAX_URL_CHARS + " characters"));
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && HTTPS.equals(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.of(Problem.badRequest("url is not a valid URL: " + e.getReason()));
        }
        return Optional.of(Problem.badRequest("url must be an https:// URL"));
    }

    private static String textOrNull(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static ParseResult rejected(String message, RequestContext context) {
        return new ParseResult.Rejected(Problem.badRequest(message), context);
    }
}
