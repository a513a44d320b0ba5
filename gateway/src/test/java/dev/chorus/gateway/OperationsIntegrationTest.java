package dev.chorus.gateway;

import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Sender;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.topic.Json;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The probes and the metrics of a running gateway, moved by real frames and real deliveries through Kafka. */
class OperationsIntegrationTest extends RunningGatewayTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void livenessAndReadinessAreUpWithKafkaInTheReadinessGroup() throws Exception {
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(status(liveness)).isEqualTo("UP");
        assertThat(Json.mapper().readTree(liveness.body()).path("components").has("kafkaReaders")).isTrue();
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode kafka = Json.mapper().readTree(readiness.body()).path("components").path("kafka");
        assertThat(kafka.path("status").asString()).isEqualTo("UP");
        assertThat(kafka.path("details").path("deliveries").path("positioned").asBoolean()).isTrue();
        assertThat(kafka.path("details").path("typing").path("positioned").asBoolean()).isTrue();
    }

    @Test
    void onlyHealthPrometheusInfoAndMetricsAreExposed() throws Exception {
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void framesDeliveriesLatencyAndRejectsShowInThePrometheusScrape() throws Exception {
        double framesIn = sample("chorus_frames_in_total", "type=\"CHAT:SEND_MESSAGE_TEXT\"");
        double framesOut = sample("chorus_frames_out_total", "type=\"CHAT:MESSAGE_RETURN_TEXT\"");
        double deliveries = sample("chorus_deliveries_total", "");
        double timed = sample("chorus_delivery_latency_seconds_count", "");
        double badRequests = sample("chorus_rejects_total", "code=\"BAD_REQUEST\"", "source=\"gateway\"");
        Client olga = connect("ops-olga", "Olga");
        Client pete = connect("ops-pete", "Pete");

        olga.socket().send(text("g-ops", "hello", "c-1"));
        olga.socket().send("not json");
        olga.socket().next("SYSTEM:ERROR");
        Message posted = new Message("m-1", "g-ops", 1, MessageKind.TEXT, new Sender("ops-olga", "Olga"), "hello",
                null, "c-1", Instant.now().minusMillis(40));
        deliver(new Delivery(new Audience.Users(List.of("ops-olga", "ops-pete")),
                Envelope.of(ServerEventType.MESSAGE_RETURN_TEXT, posted)));
        olga.socket().next("CHAT:MESSAGE_RETURN_TEXT");
        pete.socket().next("CHAT:MESSAGE_RETURN_TEXT");

        // counted by the connections' writers, a moment after the client may already have the frame
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(sample("chorus_frames_in_total", "type=\"CHAT:SEND_MESSAGE_TEXT\"")).isEqualTo(framesIn + 1);
            assertThat(sample("chorus_frames_out_total", "type=\"CHAT:MESSAGE_RETURN_TEXT\""))
                    .isEqualTo(framesOut + 2);
            assertThat(sample("chorus_deliveries_total", "")).isEqualTo(deliveries + 2);
            assertThat(sample("chorus_delivery_latency_seconds_count", "")).isEqualTo(timed + 2);
            assertThat(sample("chorus_delivery_latency_seconds_max", "")).isGreaterThanOrEqualTo(0.04);
            assertThat(sample("chorus_rejects_total", "code=\"BAD_REQUEST\"", "source=\"gateway\""))
                    .isEqualTo(badRequests + 1);
            assertThat(sample("chorus_connections", "")).isGreaterThanOrEqualTo(2);
        });
    }

    private void deliver(Delivery delivery) {
        try (KafkaProducer<String, Delivery> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()),
                Topics.DELIVERIES.keySerde().serializer(), Topics.DELIVERIES.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), "g-ops", delivery));
        }
    }

    /** The value of the first sample of this metric whose labels contain every one given; 0 when none. */
    private double sample(String metric, String... labels) throws IOException, InterruptedException {
        String scrape = get("/actuator/prometheus").body();
        for (String line : scrape.lines().toList()) {
            if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= label.isEmpty() || line.contains(label);
            }
            if (matches) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static String status(HttpResponse<String> response) {
        return Json.mapper().readTree(response.body()).path("status").asString();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(http(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
