package dev.chorus.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stop the whole standalone and start it again on the same data folder: nothing is forgotten. */
class StandaloneRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void historyGroupsAndSequenceSurviveARestart() throws Exception {
        var options = new Standalone.Options(dataDir, FreePorts.next(), FreePorts.next());
        String groupId;
        String token;
        try (Standalone chorus = Standalone.start(options, "--server.port=0")) {
            token = WsClient.devToken(chorus.gatewayPort(), "hana");
            try (WsClient hana = WsClient.connect(chorus.gatewayPort(), "hana")) {
                groupId = hana.request("GROUP:ADD_GROUP", Map.of("name", "Durable"), "GROUP:GROUP_ADDED")
                        .get("group").get("id").asString();
                for (int i = 1; i <= 3; i++) {
                    hana.send("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", "before " + i,
                            "clientMessageId", "b-" + i));
                }
                hana.await("CHAT:MESSAGE_RETURN_TEXT", d -> d.get("seq").asLong() == 3);
            }
        }

        try (Standalone chorus = Standalone.start(options, "--server.port=0");
             // the dev-auth secret is kept in the data folder, so a token from before the restart still works
             WsClient hana = WsClient.connect(chorus.gatewayPort(), "hana", token)) {
            JsonNode history = hana.request("CHAT:GET_INIT_MESSAGES", Map.of("groupId", groupId),
                    "CHAT:RETURN_INIT_MESSAGES");
            assertThat(history.get("messages").valueStream().map(m -> m.get("text").asString()))
                    .containsExactly("before 1", "before 2", "before 3");

            JsonNode next = hana.request("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", "after"),
                    "CHAT:MESSAGE_RETURN_TEXT");
            assertThat(next.get("seq").asLong()).isEqualTo(4L);

            JsonNode retried = hana.request("CHAT:SEND_MESSAGE_TEXT",
                    Map.of("groupId", groupId, "text", "before 2", "clientMessageId", "b-2"),
                    "CHAT:MESSAGE_RETURN_TEXT");
            assertThat(retried.get("seq").asLong()).isEqualTo(2L);

            JsonNode groups = hana.request("GROUP:GET_ALL_GROUPS", Map.of(), "GROUP:RETURN_ALL_GROUPS");
            assertThat(groups.get("groups").valueStream().map(g -> g.get("id").asString())).contains(groupId);

            assertProbesAndMetrics(chorus.gatewayPort());
        }
    }

    /** The one JVM's gateway reports the processor's streams in its probes, and counted what it delivered. */
    private static void assertProbesAndMetrics(int port) throws Exception {
        HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode components = dev.chorus.topic.Json.mapper().readTree(readiness.body()).get("components");
        assertThat(components.get("streams").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
        HttpResponse<String> liveness = get(port, "/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"streamsLiveness\"");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(port, "/actuator/prometheus").body())
                .containsPattern("(?m)^chorus_deliveries_total(\\{[^}]*\\})? [1-9]")
                .containsPattern("(?m)^chorus_delivery_latency_seconds_count(\\{[^}]*\\})? [1-9]"));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
