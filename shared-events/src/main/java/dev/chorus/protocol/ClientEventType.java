package dev.chorus.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event a client may send, by its wire name. */
public enum ClientEventType {
    GET_ALL_GROUPS("GROUP:GET_ALL_GROUPS"),
    ADD_GROUP("GROUP:ADD_GROUP"),
    DELETE_GROUP("GROUP:DELETE_GROUP"),
    JOIN_GROUP("GROUP:JOIN_GROUP"),
    LEAVE_GROUP("GROUP:LEAVE_GROUP"),
    GET_INIT_DATA("GROUP:GET_INIT_DATA"),
    GET_INIT_MESSAGES("CHAT:GET_INIT_MESSAGES"),
    START_TYPING("CHAT:START_TYPING"),
    STOP_TYPING("CHAT:STOP_TYPING"),
    SEND_MESSAGE_TEXT("CHAT:SEND_MESSAGE_TEXT"),
    SEND_MESSAGE_IMAGE("CHAT:SEND_MESSAGE_IMAGE"),
    SEND_MESSAGE_AUDIO("CHAT:SEND_MESSAGE_AUDIO"),
    SEND_MESSAGE_GIF("CHAT:SEND_MESSAGE_GIF"),
    REFRESH_PROFILE("USER:REFRESH_PROFILE");

    private static final Map<String, ClientEventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ClientEventType::wireName, Function.identity()));

    private final String wireName;

    ClientEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ClientEventType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }
}
