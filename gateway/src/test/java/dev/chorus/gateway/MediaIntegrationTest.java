package dev.chorus.gateway;

import dev.chorus.topic.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/media} and {@code GET /media/{id}} over real HTTP on the running gateway. */
class MediaIntegrationTest extends RunningGatewayTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TestSocket.WAIT).build();
    static final long MAX_MEDIA_BYTES = 10L * 1024 * 1024;

    @Test
    void anUploadIsStoredAs201WithItsReferenceAndServedBackByteForByte() throws Exception {
        byte[] png = fixture("image.png");

        HttpResponse<String> created = upload(TestTokens.valid("nina", "Nina"), "image/png", png);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = Json.mapper().readTree(created.body());
        String mediaId = body.path("mediaId").asString();
        assertThat(mediaId).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(body.path("url").asString()).isEqualTo("http://localhost:" + port + "/media/" + mediaId);
        assertThat(created.headers().firstValue("Location")).contains(body.path("url").asString());
        assertThat(body.path("mimeType").asString()).isEqualTo("image/png");
        assertThat(body.path("sizeBytes").asLong()).isEqualTo(png.length);
        assertThat(body.path("width").asInt()).isEqualTo(4);
        assertThat(body.path("height").asInt()).isEqualTo(2);
        assertThat(body.path("durationMs").isNull()).isTrue();

        HttpResponse<byte[]> served = get(body.path("url").asString(), Map.of());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(served.headers().firstValue("Content-Length")).contains(String.valueOf(png.length));
        assertThat(served.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(served.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(served.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(served.headers().firstValue("ETag")).contains("\"" + mediaId + "\"");
    }

    @Test
    void audioKeepsItsDurationAndTheTypeItsBytesHave() throws Exception {
        HttpResponse<String> created = upload(TestTokens.valid("nina", "Nina"), "audio/ogg; codecs=opus",
                fixture("audio.ogg"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = Json.mapper().readTree(created.body());
        assertThat(body.path("mimeType").asString()).isEqualTo("audio/ogg");
        assertThat(body.path("durationMs").asLong()).isEqualTo(500);
        assertThat(body.path("width").isNull()).isTrue();
    }

    @Test
    void withoutAValidTokenAnUploadIs401() throws Exception {
        for (String token : Arrays.asList(null, "garbage", TestTokens.expired("nina"),
                TestTokens.signedWith(TestTokens.OTHER_SECRET, "nina"))) {
            HttpResponse<String> refused = upload(token, "image/png", fixture("image.png"));

            assertThat(refused.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(String.valueOf(token)).contains("Bearer");
        }
    }

    record Unsupported(String fixture, String declaredType) {
    }

    @Test
    void anythingButOneOfTheMediaTypesOrBytesOfAnotherTypeThanDeclaredIs415() throws Exception {
        List<Unsupported> uploads = List.of(
                new Unsupported("image.svg", "image/svg+xml"),
                new Unsupported("image.svg", "image/png"),
                new Unsupported("page.html", "text/html"),
                new Unsupported("page.html", "image/gif"),
                new Unsupported("garbage.bin", "audio/mpeg"),
                new Unsupported("garbage.bin", "application/octet-stream"),
                new Unsupported("image.png", "image/gif"),
                new Unsupported("audio.wav", "audio/mpeg"),
                new Unsupported("image.png", null));
        String token = TestTokens.valid("nina", "Nina");

        for (Unsupported unsupported : uploads) {
            HttpResponse<String> refused = upload(token, unsupported.declaredType(), fixture(unsupported.fixture()));

            assertThat(refused.statusCode()).as(unsupported.toString()).isEqualTo(415);
            assertThat(Json.mapper().readTree(refused.body()).path("message").asString()).isNotBlank();
        }
        assertThat(incomingFiles()).isEmpty();
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAByteIsRead() throws IOException {
        // Headers only: a gateway waiting for the body would never answer.
        RawHttp.Response response = RawHttp.exchange(port, "POST /api/media HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TestTokens.valid("nina", "Nina") + "\r\nContent-Type: image/png\r\n"
                + "Content-Length: " + (MAX_MEDIA_BYTES + 1) + "\r\n\r\n", new byte[0]);

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void aStreamedBodyIs413AsSoonAsItPassesTheLimit() throws IOException {
        byte[] overTheLimit = Arrays.copyOf(fixture("image.png"), (int) MAX_MEDIA_BYTES + 1);
        // One chunk one byte over the limit and no last chunk: only a gateway that stops reading at the limit,
        // rather than waiting for the whole body, can answer.
        byte[] chunk = concat(Long.toHexString(overTheLimit.length) + "\r\n", overTheLimit, "\r\n");

        RawHttp.Response response = RawHttp.exchange(port, "POST /api/media HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TestTokens.valid("nina", "Nina") + "\r\nContent-Type: image/png\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunk);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("at most " + MAX_MEDIA_BYTES + " bytes");
        assertThat(incomingFiles()).isEmpty();
    }

    @Test
    void exactlyTheLimitIsAccepted() throws Exception {
        byte[] atTheLimit = Arrays.copyOf(fixture("image.png"), (int) MAX_MEDIA_BYTES);

        assertThat(upload(TestTokens.valid("nina", "Nina"), "image/png", atTheLimit).statusCode()).isEqualTo(201);
    }

    @Test
    void rangesAreServedAs206AndUnsatisfiableOnesAs416() throws Exception {
        byte[] wav = fixture("audio.wav");
        String url = Json.mapper().readTree(upload(TestTokens.valid("nina", "Nina"), "audio/wav", wav).body())
                .path("url").asString();

        HttpResponse<byte[]> head = get(url, Map.of("Range", "bytes=0-11"));
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.body()).isEqualTo(Arrays.copyOfRange(wav, 0, 12));
        assertThat(head.headers().firstValue("Content-Range")).contains("bytes 0-11/" + wav.length);
        assertThat(head.headers().firstValue("Content-Type")).contains("audio/wav");
        assertThat(head.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        HttpResponse<byte[]> tail = get(url, Map.of("Range", "bytes=-100"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(wav, wav.length - 100, wav.length));

        HttpResponse<byte[]> rest = get(url, Map.of("Range", "bytes=2000-"));
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(wav, 2000, wav.length));
        assertThat(rest.headers().firstValue("Content-Range")).contains("bytes 2000-" + (wav.length - 1) + "/"
                + wav.length);

        HttpResponse<byte[]> past = get(url, Map.of("Range", "bytes=" + wav.length + "-"));
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).contains("bytes */" + wav.length);

        HttpResponse<byte[]> several = get(url, Map.of("Range", "bytes=0-1,5-6"));
        assertThat(several.statusCode()).isEqualTo(200);
        assertThat(several.body()).isEqualTo(wav);

        String etag = head.headers().firstValue("ETag").orElseThrow();
        assertThat(get(url, Map.of("Range", "bytes=0-1", "If-Range", "\"changed\"")).statusCode()).isEqualTo(200);
        assertThat(get(url, Map.of("Range", "bytes=0-1", "If-Range", etag)).statusCode()).isEqualTo(206);
        assertThat(get(url, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
    }

    @Test
    void anUnknownOrMalformedIdIs404AndNotCached() throws Exception {
        for (String path : List.of("/media/AAAAAAAAAAAAAAAAAAAAAA", "/media/x.json", "/media/" + "A".repeat(40))) {
            HttpResponse<byte[]> missing = get(http(path).toString(), Map.of());

            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("Cache-Control")).as(path).contains("no-store");
        }
    }

    private HttpResponse<String> upload(String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http("/api/media")).timeout(TestSocket.WAIT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TestSocket.WAIT).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] fixture(String name) {
        try (InputStream in = MediaIntegrationTest.class.getResourceAsStream("/media/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> incomingFiles() throws IOException {
        Path incoming = Path.of(MEDIA_DIR, ".incoming");
        if (!Files.exists(incoming)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.toList();
        }
    }

    private static byte[] concat(String before, byte[] bytes, String after) {
        byte[] head = before.getBytes(StandardCharsets.US_ASCII);
        byte[] tail = after.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + bytes.length + tail.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        System.arraycopy(tail, 0, all, head.length + bytes.length, tail.length);
        return all;
    }
}
