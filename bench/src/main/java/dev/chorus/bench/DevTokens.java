package dev.chorus.bench;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Tokens from a gateway's {@code POST /api/dev/token} (dev auth on, as in the local cluster). */
public final class DevTokens {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;

    /** @param gateway the gateway's WebSocket URI, {@code ws://host:port/ws} */
    public DevTokens(URI gateway) {
        this.endpoint = URI.create("http://" + gateway.getAuthority() + "/api/dev/token");
    }

    public String token(String userId) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("userId", userId))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(endpoint + " answered " + response.statusCode()
                        + " (is dev auth on?): " + response.body());
            }
            return JSON.readTree(response.body()).get("token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
