package dev.chorus.standalone;

import dev.chorus.event.DomainEvent;
import dev.chorus.topic.Json;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media end to end: uploads over HTTP to one gateway, sends by reference, members on the other gateway
 * receiving the message and fetching the bytes back; and the audit log holding a URL, never the bytes.
 */
@ExtendWith(TestKafka.Available.class)
class MediaMessagesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int A = 0;
    private static final int B = 1;

    @TempDir
    static Path dataDir;

    private static ChorusCluster chorus;

    @BeforeAll
    static void startChorus() {
        chorus = ChorusCluster.start(dataDir, 2);
    }

    @AfterAll
    static void stopChorus() {
        chorus.close();
    }

    record Kind(String name, String fixture, String mimeType, Integer width, Integer height, Long durationMs) {
    }

    @Test
    void everyKindUploadedAndSentOnOneGatewayReachesAMemberOnTheOtherWhoFetchesTheSameBytes() throws Exception {
        WsClient alice = chorus.connect(A, "alice");
        WsClient bob = chorus.connect(B, "bob");
        String groupId = groupOf(alice, bob, "Pictures");

        for (Kind kind : List.of(new Kind("IMAGE", "image.png", "image/png", 4, 2, null),
                new Kind("AUDIO", "audio.ogg", "audio/ogg", null, null, 500L),
                new Kind("GIF", "image.gif", "image/gif", 8, 6, null))) {
            byte[] bytes = fixture(kind.fixture());
            JsonNode uploaded = upload(A, "alice", kind.mimeType(), bytes);

            alice.send("CHAT:SEND_MESSAGE_" + kind.name(), Map.of("groupId", groupId,
                    "mediaId", uploaded.get("mediaId").asString(), "caption", "a " + kind.name().toLowerCase(),
                    "clientMessageId", "c-" + kind.name()));

            JsonNode message = bob.await("CHAT:MESSAGE_RETURN_" + kind.name(),
                    m -> m.get("clientMessageId").asString().equals("c-" + kind.name()));
            assertThat(message.get("kind").asString()).isEqualTo(kind.name().toLowerCase());
            assertThat(message.get("text").asString()).isEqualTo("a " + kind.name().toLowerCase());
            assertThat(message.get("sender").get("userId").asString()).isEqualTo("alice");
            JsonNode media = message.get("media");
            String url = uploaded.get("url").asString();
            assertThat(url).startsWith("http://127.0.0.1:" + chorus.gatewayPort(A) + "/media/");
            assertThat(media.get("url").asString()).isEqualTo(url);
            assertThat(media.get("mimeType").asString()).isEqualTo(kind.mimeType());
            assertThat(media.get("sizeBytes").asLong()).isEqualTo(bytes.length);
            assertThat(nullableInt(media, "width")).isEqualTo(kind.width());
            assertThat(nullableInt(media, "height")).isEqualTo(kind.height());
            assertThat(media.get("durationMs").isNull() ? null : media.get("durationMs").asLong())
                    .isEqualTo(kind.durationMs());

            HttpResponse<byte[]> fetched = get(url);
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(bytes);
            assertThat(fetched.headers().firstValue("Content-Type")).contains(kind.mimeType());
            // the other gateway shares the store, so it serves the same bytes at the same path
            HttpResponse<byte[]> fromB = get(url.replace(":" + chorus.gatewayPort(A) + "/",
                    ":" + chorus.gatewayPort(B) + "/"));
            assertThat(fromB.body()).isEqualTo(bytes);
        }
    }

    @Test
    void anUploadToOneGatewayCanBeSentThroughTheOther() throws Exception {
        WsClient carolOnB = chorus.connect(B, "carol");
        WsClient dave = chorus.connect(A, "dave");
        String groupId = groupOf(carolOnB, dave, "Across");
        JsonNode uploaded = upload(A, "carol", "image/png", fixture("image.png"));

        carolOnB.send("CHAT:SEND_MESSAGE_IMAGE", Map.of("groupId", groupId,
                "mediaId", uploaded.get("mediaId").asString()));

        JsonNode message = dave.await("CHAT:MESSAGE_RETURN_IMAGE", m -> true);
        assertThat(message.get("media").get("url").asString()).isEqualTo(uploaded.get("url").asString());
        assertThat(message.get("text").isNull()).isTrue();
    }

    @Test
    void aGifFromAGifServiceIsSentByItsHttpsUrl() throws Exception {
        WsClient erin = chorus.connect(A, "erin");
        WsClient frank = chorus.connect(B, "frank");
        String groupId = groupOf(erin, frank, "Reactions");

        erin.send("CHAT:SEND_MESSAGE_GIF", Map.of("groupId", groupId,
                "url", "https://media.gifs.example/v1/party-parrot.gif", "clientMessageId", "g-1"));

        JsonNode media = frank.await("CHAT:MESSAGE_RETURN_GIF", m -> true).get("media");
        assertThat(media.get("url").asString()).isEqualTo("https://media.gifs.example/v1/party-parrot.gif");
        assertThat(media.get("mimeType").asString()).isEqualTo("image/gif");
        assertThat(media.get("sizeBytes").isNull()).isTrue();
        assertThat(media.get("width").isNull()).isTrue();
    }

    @Test
    void someoneElsesUploadIsNotFound() throws Exception {
        WsClient gina = chorus.connect(A, "gina");
        WsClient mallory = chorus.connect(B, "mallory");
        String groupId = groupOf(gina, mallory, "Mine");
        String ginasUpload = upload(A, "gina", "image/gif", fixture("image.gif")).get("mediaId").asString();

        JsonNode refused = mallory.request("CHAT:SEND_MESSAGE_GIF", Map.of("groupId", groupId,
                "mediaId", ginasUpload, "clientMessageId", "steal"), "SYSTEM:ERROR");

        assertThat(refused.get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(refused.get("requestType").asString()).isEqualTo("CHAT:SEND_MESSAGE_GIF");
        assertThat(refused.get("clientMessageId").asString()).isEqualTo("steal");
        assertThat(gina.frames("CHAT:MESSAGE_RETURN_GIF")).isEmpty();
    }

    @Test
    void theAuditLogRecordsTheMessageWithItsUrlAndNeverTheBytes() throws Exception {
        WsClient hana = chorus.connect(A, "hana");
        WsClient ivan = chorus.connect(B, "ivan");
        String groupId = groupOf(hana, ivan, "Audit");
        byte[] gif = fixture("image.gif");
        JsonNode uploaded = upload(A, "hana", "image/gif", gif);
        hana.request("CHAT:SEND_MESSAGE_GIF", Map.of("groupId", groupId, "mediaId", uploaded.get("mediaId").asString()),
                "CHAT:MESSAGE_RETURN_GIF");

        String record = postedRecord(groupId);

        DomainEvent.MessagePosted posted = (DomainEvent.MessagePosted) Json.mapper().readValue(record,
                DomainEvent.class);
        assertThat(posted.message().media().url()).isEqualTo(uploaded.get("url").asString());
        assertThat(posted.message().media().sizeBytes()).isEqualTo(gif.length);
        List<String> mediaFields = new ArrayList<>(Json.mapper().readTree(record).get("message").get("media")
                .propertyNames());
        assertThat(mediaFields).containsExactlyInAnyOrder("url", "mimeType", "sizeBytes", "width", "height",
                "durationMs");
        assertThat(record).doesNotContain(Base64.getEncoder().encodeToString(gif))
                .doesNotContain(Base64.getUrlEncoder().encodeToString(gif));
        assertThat(record.length()).isLessThan(gif.length);
    }

    /** A group made by {@code owner} that {@code member} has joined. */
    private static String groupOf(WsClient owner, WsClient member, String name) throws InterruptedException {
        String groupId = owner.createGroup(name);
        member.request("GROUP:JOIN_GROUP", Map.of("groupId", groupId), "GROUP:USER_JOINED");
        return groupId;
    }

    private static JsonNode upload(int gateway, String userId, String type, byte[] bytes) throws Exception {
        int port = chorus.gatewayPort(gateway);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/media"))
                .header("Authorization", "Bearer " + WsClient.devToken(port, userId))
                .header("Content-Type", type)
                .timeout(WsClient.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.mapper().readTree(response.body());
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(WsClient.TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The raw JSON of the MessagePosted event of this group on chorus.events. */
    private static String postedRecord(String groupId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, chorus.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (groupId.equals(record.key()) && record.value().contains("chorus.message.posted.v1")) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("no message.posted event for group " + groupId + " within " + WsClient.TIMEOUT);
    }

    private static Integer nullableInt(JsonNode node, String field) {
        return node.get(field).isNull() ? null : node.get(field).asInt();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = MediaMessagesIT.class.getResourceAsStream("/media/" + name)) {
            return in.readAllBytes();
        }
    }
}
