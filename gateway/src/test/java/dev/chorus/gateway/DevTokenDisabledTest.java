package dev.chorus.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** With dev auth off, as by default, nobody can mint a token: the endpoint does not exist. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "chorus.gateway.auth.hs256-secret=" + TestTokens.SECRET,
                "chorus.kafka.topic-partitions=3",
                "chorus.kafka.replication-factor=1"})
class DevTokenDisabledTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("chorus.kafka.bootstrap-servers", SharedBroker::bootstrapServers);
    }

    @LocalServerPort
    int port;

    @Test
    void theDevTokenEndpointDoesNotExist() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dev/token"))
                        .header("Content-Type", "application/json")
                        .timeout(TestSocket.WAIT)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"mallory\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void theGatewayStillAuthenticatesTokensFromElsewhere() {
        try (TestSocket socket = TestSocket.connect(URI.create("ws://localhost:" + port + "/ws?access_token="
                + TestTokens.valid("liam", "Liam")))) {
            assertThat(socket.next("SYSTEM:CONNECTED").path("userId").asString()).isEqualTo("liam");
        }
    }
}
