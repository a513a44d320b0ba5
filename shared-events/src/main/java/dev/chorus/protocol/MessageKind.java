package dev.chorus.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum MessageKind {
    @JsonProperty("text") TEXT(ClientEventType.SEND_MESSAGE_TEXT, ServerEventType.MESSAGE_RETURN_TEXT),
    @JsonProperty("image") IMAGE(ClientEventType.SEND_MESSAGE_IMAGE, ServerEventType.MESSAGE_RETURN_IMAGE),
    @JsonProperty("audio") AUDIO(ClientEventType.SEND_MESSAGE_AUDIO, ServerEventType.MESSAGE_RETURN_AUDIO),
    @JsonProperty("gif") GIF(ClientEventType.SEND_MESSAGE_GIF, ServerEventType.MESSAGE_RETURN_GIF);

    private final ClientEventType sendType;
    private final ServerEventType returnType;

    MessageKind(ClientEventType sendType, ServerEventType returnType) {
        this.sendType = sendType;
        this.returnType = returnType;
    }

    /** The client event that sends a message of this kind. */
    public ClientEventType sendType() {
        return sendType;
    }

    /** The server event that carries a message of this kind. */
    public ServerEventType returnType() {
        return returnType;
    }
}
