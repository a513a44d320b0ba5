package dev.chorus.client;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FramesTest {

    private static final String MESSAGE = """
            {"id":"9d7a","groupId":"2b0e","seq":7,"kind":"text","sender":{"userId":"alice","displayName":"Alice",
             "extra":{"nested":[1,2,{"userId":"not her"}]}},"text":"hello \\u00e9 \\"quoted\\"","media":null,
             "clientMessageId":"c-1","sentAt":"2026-11-24T10:15:31.004Z","later":{"userId":"x","seq":99}}""";

    private static final ChatMessage EXPECTED = new ChatMessage("2b0e", 7, "9d7a", "text", "alice",
            "hello é \"quoted\"", "c-1", "2026-11-24T10:15:31.004Z");

    @Test
    void readsAMessageFrameStraightIntoItsMessage() {
        Frames.Incoming frame = Frames.read("{\"type\":\"CHAT:MESSAGE_RETURN_TEXT\",\"data\":" + MESSAGE + "}");

        assertThat(frame.type()).isEqualTo("CHAT:MESSAGE_RETURN_TEXT");
        assertThat(frame.message()).isEqualTo(EXPECTED);
        assertThat(frame.data()).isNull();
    }

    @Test
    void readsTheSameMessageWhateverTheOrderOfTheFields() {
        Frames.Incoming dataFirst = Frames.read("{\"data\":" + MESSAGE + ",\"type\":\"CHAT:MESSAGE_RETURN_TEXT\"}");

        assertThat(dataFirst.message()).isEqualTo(EXPECTED);
        assertThat(dataFirst.message()).isEqualTo(ChatMessage.from(Frames.JSON.readTree(MESSAGE)));
    }

    @Test
    void readsNullsAndScalarsAsTheTreeWouldAndLeavesAbsentFieldsNull() {
        String data = "{\"seq\":\"12\",\"groupId\":null,\"id\":5,\"sender\":null,\"text\":true}";

        Frames.Incoming frame = Frames.read("{\"type\":\"CHAT:MESSAGE_RETURN_GIF\",\"data\":" + data + "}");

        assertThat(frame.message()).isEqualTo(ChatMessage.from(Frames.JSON.readTree(data)))
                .isEqualTo(new ChatMessage(null, 12, "5", null, null, "true", null, null));
    }

    @Test
    void keepsEveryOtherFramesDataAsATree() {
        String text = Frames.frame("SYSTEM:ERROR", Map.of("code", "RATE_LIMITED", "clientMessageId", "c-9"));

        Frames.Incoming frame = Frames.read(text);

        assertThat(frame.message()).isNull();
        assertThat(frame.type()).isEqualTo("SYSTEM:ERROR");
        assertThat(Frames.text(frame.data(), "code")).isEqualTo("RATE_LIMITED");
        assertThat(Frames.read("{\"type\":\"CHAT:RETURN_INIT_MESSAGES\",\"data\":{\"messages\":[" + MESSAGE
                + "],\"hasMore\":false}}").data().get("messages")).hasSize(1);
        assertThat(Frames.read("{\"type\":\"SYSTEM:CONNECTED\"}").data()).isNull();
    }

    @Test
    void refusesAMessageWithoutASeqAndTextThatIsNoObject() {
        assertThatThrownBy(() -> Frames.read("{\"type\":\"CHAT:MESSAGE_RETURN_TEXT\",\"data\":{\"id\":\"x\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
        for (String notAnObject : List.of("[]", "\"type\"", "7")) {
            assertThatThrownBy(() -> Frames.read(notAnObject)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Frames.read("{\"type\":")).isInstanceOf(JacksonException.class);
    }
}
