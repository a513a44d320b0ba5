package dev.chorus.gateway;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.protocol.Media;
import dev.chorus.protocol.MessageKind;
import dev.chorus.topic.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Image, audio and GIF sends: the gateway resolves the reference, and the command carries it, never bytes. */
class MediaSendIntegrationTest extends RunningGatewayTest {

    private static final Duration SETTLE = Duration.ofMillis(750);

    @Test
    void aSendOfAnOwnUploadCarriesItsReference() throws Exception {
        JsonNode uploaded = upload("oscar", "image/png", MediaIntegrationTest.fixture("image.png"));
        Client oscar = connect("oscar", "Oscar");

        try (CommandsProbe commands = CommandsProbe.fromNow()) {
            oscar.socket().send(frame("CHAT:SEND_MESSAGE_IMAGE", Map.of("groupId", "g-oscar",
                    "mediaId", uploaded.path("mediaId").asString(), "caption", "look", "clientMessageId", "m-1")));

            ConsumerRecord<String, Command> record = commands.until(
                    command -> command.body() instanceof CommandBody.PostMessage, SETTLE).get(0);

            assertThat(record.key()).isEqualTo("g-oscar");
            assertThat(record.value().actor().userId()).isEqualTo("oscar");
            assertThat(record.value().body()).isEqualTo(new CommandBody.PostMessage("g-oscar", MessageKind.IMAGE,
                    "look", new Media(uploaded.path("url").asString(), "image/png",
                    uploaded.path("sizeBytes").asLong(), 4, 2, null), "m-1"));
        }
    }

    @Test
    void aLinkedGifIsTypedFromItsUrl() {
        Client oscar = connect("oscar", "Oscar");

        try (CommandsProbe commands = CommandsProbe.fromNow()) {
            oscar.socket().send(frame("CHAT:SEND_MESSAGE_GIF", Map.of("groupId", "g-oscar",
                    "url", "https://media.example/dancing-cat.gif")));

            Command command = commands.until(c -> c.body() instanceof CommandBody.PostMessage, SETTLE).get(0).value();

            assertThat(command.body()).isEqualTo(new CommandBody.PostMessage("g-oscar", MessageKind.GIF, null,
                    new Media("https://media.example/dancing-cat.gif", "image/gif", null, null, null, null), null));
        }
    }

    @Test
    void someoneElsesOrAnUnknownUploadIsNotFoundAndTheWrongKindIsABadRequest() throws Exception {
        String peterPng = upload("peter", "image/png", MediaIntegrationTest.fixture("image.png"))
                .path("mediaId").asString();
        String oscarWav = upload("oscar", "audio/wav", MediaIntegrationTest.fixture("audio.wav"))
                .path("mediaId").asString();
        TestSocket oscar = connect("oscar", "Oscar").socket();

        try (CommandsProbe commands = CommandsProbe.fromNow()) {
            oscar.send(frame("CHAT:SEND_MESSAGE_IMAGE", Map.of("groupId", "g-oscar", "mediaId", peterPng,
                    "clientMessageId", "c-1")));
            assertError(oscar.next("SYSTEM:ERROR"), "NOT_FOUND", "CHAT:SEND_MESSAGE_IMAGE");
            oscar.send(frame("CHAT:SEND_MESSAGE_AUDIO", Map.of("groupId", "g-oscar",
                    "mediaId", "AAAAAAAAAAAAAAAAAAAAAA")));
            assertError(oscar.next("SYSTEM:ERROR"), "NOT_FOUND", "CHAT:SEND_MESSAGE_AUDIO");
            oscar.send(frame("CHAT:SEND_MESSAGE_IMAGE", Map.of("groupId", "g-oscar", "mediaId", oscarWav)));
            assertError(oscar.next("SYSTEM:ERROR"), "BAD_REQUEST", "CHAT:SEND_MESSAGE_IMAGE");
            oscar.send(frame("CHAT:SEND_MESSAGE_GIF", Map.of("groupId", "g-oscar",
                    "url", "https://media.example/song.mp3")));
            assertError(oscar.next("SYSTEM:ERROR"), "BAD_REQUEST", "CHAT:SEND_MESSAGE_GIF");

            // the only command that may reach the log is the valid one after them
            oscar.send(frame("CHAT:SEND_MESSAGE_AUDIO", Map.of("groupId", "g-oscar", "mediaId", oscarWav)));
            List<ConsumerRecord<String, Command>> written = commands.until(
                    command -> command.body() instanceof CommandBody.PostMessage, SETTLE);

            assertThat(written).hasSize(1);
            CommandBody.PostMessage post = (CommandBody.PostMessage) written.get(0).value().body();
            assertThat(post.kind()).isEqualTo(MessageKind.AUDIO);
            assertThat(post.media().mimeType()).isEqualTo("audio/wav");
            assertThat(post.media().durationMs()).isEqualTo(250L);
        }
    }

    private JsonNode upload(String userId, String type, byte[] bytes) throws Exception {
        HttpResponse<String> response = MediaIntegrationTest.HTTP.send(HttpRequest.newBuilder(http("/api/media"))
                .header("Authorization", "Bearer " + TestTokens.valid(userId, userId))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.mapper().readTree(response.body());
    }

    private static String frame(String type, Map<String, String> data) {
        return Json.mapper().writeValueAsString(Map.of("type", type, "data", data));
    }

    private static void assertError(JsonNode error, String code, String requestType) {
        assertThat(error.path("code").asString()).as(error.toString()).isEqualTo(code);
        assertThat(error.path("requestType").asString()).isEqualTo(requestType);
        assertThat(error.path("groupId").asString()).isEqualTo("g-oscar");
        assertThat(error.path("message").asString()).isNotBlank();
    }
}
