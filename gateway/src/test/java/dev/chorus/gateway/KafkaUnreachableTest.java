package dev.chorus.gateway;

import dev.chorus.topic.Json;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway whose Kafka goes away: not ready (503) within {@code unreachable-after}, saying why, and still alive
 * (its readers wait for Kafka to come back, so replacing the process would not help). Its own broker, since this
 * one is stopped on purpose.
 */
class KafkaUnreachableTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void readinessGoesDownWhenNoBrokerAnswersAndLivenessStaysUp() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0",
                        "--chorus.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--chorus.kafka.topic-partitions=1",
                        "--chorus.kafka.replication-factor=1",
                        "--chorus.gateway.auth.hs256-secret=" + TestTokens.SECRET,
                        "--chorus.gateway.media.dir=target/media-unreachable",
                        "--chorus.gateway.health.unreachable-after=2s")) {
            int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
            assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);

            broker.destroy();

            await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/actuator/health/readiness").statusCode() == 503);
            HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
            assertThat(Json.mapper().readTree(readiness.body()).path("status").asString()).isEqualTo("DOWN");
            assertThat(Json.mapper().readTree(readiness.body()).path("components").path("kafka").path("details")
                    .path("reason").asString()).startsWith("no response from Kafka for");
            HttpResponse<String> liveness = get(port, "/actuator/health/liveness");
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
        } finally {
            broker.destroy();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
