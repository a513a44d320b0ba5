package dev.chorus.gateway;

import dev.chorus.gateway.media.S3ProxyServer;
import dev.chorus.topic.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways with one S3 bucket (a real S3 server, S3Proxy, in this JVM) and no shared folder: each serves,
 * in whole and in ranges, what was uploaded to the other.
 */
class SharedS3MediaTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static S3ProxyServer s3;
    private static ConfigurableApplicationContext gatewayA;
    private static ConfigurableApplicationContext gatewayB;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        String bucket = "shared-" + UUID.randomUUID();
        gatewayA = gateway("gw-s3-a", bucket);
        gatewayB = gateway("gw-s3-b", bucket);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gatewayA != null) {
            gatewayA.close();
        }
        if (gatewayB != null) {
            gatewayB.close();
        }
        s3.close();
    }

    @Test
    void eachGatewayServesTheOthersUploadsWholeAndInRanges() throws Exception {
        byte[] png = fixture("image.png");
        byte[] mp3 = fixture("audio.mp3");

        JsonNode onA = upload(gatewayA, "s3-alice", png, "image/png");
        JsonNode onB = upload(gatewayB, "s3-bob", mp3, "audio/mpeg");

        assertThat(onA.path("url").asString()).startsWith("http://localhost:" + port(gatewayA) + "/media/");
        HttpResponse<byte[]> pngFromB = get(gatewayB, onA.path("mediaId").asString(), null);
        assertThat(pngFromB.statusCode()).isEqualTo(200);
        assertThat(pngFromB.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(pngFromB.body()).isEqualTo(png);

        HttpResponse<byte[]> mp3RangeFromA = get(gatewayA, onB.path("mediaId").asString(), "bytes=100-199");
        assertThat(mp3RangeFromA.statusCode()).isEqualTo(206);
        assertThat(mp3RangeFromA.headers().firstValue("Content-Range")).contains("bytes 100-199/" + mp3.length);
        assertThat(mp3RangeFromA.body()).isEqualTo(Arrays.copyOfRange(mp3, 100, 200));

        assertThat(get(gatewayA, "AAAAAAAAAAAAAAAAAAAAAA", null).statusCode()).isEqualTo(404);
    }

    private static ConfigurableApplicationContext gateway(String id, String bucket) {
        Map<String, Object> properties = new HashMap<>(s3.gatewayProperties(bucket));
        properties.put("server.port", "0");
        properties.put("chorus.gateway.id", id);
        properties.put("chorus.gateway.auth.hs256-secret", TestTokens.SECRET);
        properties.put("chorus.kafka.bootstrap-servers", SharedBroker.bootstrapServers());
        properties.put("chorus.kafka.topic-partitions", "3");
        properties.put("chorus.kafka.replication-factor", "1");
        // A folder each that must stay unused: the bucket is what they share.
        properties.put("chorus.gateway.media.dir", "target/media-unused-" + id);
        return new SpringApplicationBuilder(GatewayApplication.class).properties(properties).run();
    }

    private static JsonNode upload(ConfigurableApplicationContext gateway, String userId, byte[] bytes,
                                   String type) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(gateway, "/api/media"))
                .header("Authorization", "Bearer " + TestTokens.valid(userId, userId))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.mapper().readTree(response.body());
    }

    private static HttpResponse<byte[]> get(ConfigurableApplicationContext gateway, String mediaId, String range)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(gateway, "/media/" + mediaId));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(ConfigurableApplicationContext gateway, String path) {
        return URI.create("http://localhost:" + port(gateway) + path);
    }

    private static int port(ConfigurableApplicationContext gateway) {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = SharedS3MediaTest.class.getResourceAsStream("/media/" + name)) {
            return in.readAllBytes();
        }
    }
}
