package dev.chorus.gateway.connection;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FramesTest {

    @Test
    void anEncodedFrameKeepsItsUtf8FormSoItsLengthIsNotEncodedAgainPerRecipient() {
        String json = "{\"type\":\"MESSAGE:NEW\",\"data\":{\"text\":\"é€😀 hi\"}}";

        TextMessage frame = Frames.encoded(json);

        assertThat(frame.getPayload()).isEqualTo(json);
        assertThat(frame.getPayloadLength()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThan(json.length());
        assertThat(frame.asBytes()).isSameAs(frame.asBytes());
    }

    @Test
    void aLoneSurrogateGoesOutAsAQuestionMarkRatherThanFailingTheSend() {
        TextMessage frame = Frames.encoded("{\"type\":\"GROUP:\uD800x\"}");

        assertThat(frame.getPayload()).isEqualTo("{\"type\":\"GROUP:?x\"}");
        assertThat(frame.getPayloadLength()).isEqualTo(frame.getPayload().length());
    }
}
