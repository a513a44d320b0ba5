package dev.chorus.processor;

import dev.chorus.command.CommandBody;
import dev.chorus.processor.testing.EmbeddedBroker;
import dev.chorus.topic.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The processor as it is deployed (its own web server for the actuator) on a real broker: its probes, its
 * metrics moved by a real command, and its log lines as JSON when structured logging is asked for.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProcessorOperationsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final EmbeddedBroker broker = new EmbeddedBroker();

    @TempDir
    Path stateDir;

    @Test
    void probesMetricsAndJsonLogs(CapturedOutput output) throws Exception {
        // what the embedded broker printed before the processor started is not the processor's
        int before = output.getOut().length();
        String logged;
        try (ConfigurableApplicationContext processor = ProcessorApplication.application()
                .run(broker.processorArgs("ops-test", stateDir, "--logging.structured.format.console=ecs"))) {
            int port = ((WebServerApplicationContext) processor).getWebServer().getPort();
            assertThat(processor.getBean(ProcessorRuntime.class).awaitRunning(Duration.ofSeconds(60))).isTrue();

            HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            JsonNode streams = Json.mapper().readTree(readiness.body()).path("components").path("streams");
            assertThat(streams.path("status").asString()).isEqualTo("UP");
            assertThat(streams.path("details").path("state").asString()).isEqualTo("RUNNING");
            HttpResponse<String> liveness = get(port, "/actuator/health/liveness");
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(liveness.body()).path("components").has("streamsLiveness")).isTrue();
            assertThat(get(port, "/actuator/env").statusCode()).isEqualTo(404);

            broker.send("olga", new CommandBody.CreateGroup("g-ops", "Ops", null));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                String scrape = get(port, "/actuator/prometheus").body();
                assertThat(sample(scrape, "chorus_commands_processed_total", "type=\"group.create.v1\"",
                        "outcome=\"ACCEPTED\"")).as(scrape.lines().filter(line -> line.startsWith("chorus"))
                        .toList().toString()).isEqualTo(1);
                assertThat(sample(scrape, "chorus_events_written_total", "type=\"chorus.group.created.v1\""))
                        .isEqualTo(1);
                // Kafka Streams' own client metrics, lag among them, through Micrometer's binder
                assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag_max");
            });
            logged = output.getOut().substring(before);
        }

        List<String> lines = logged.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        JsonNode running = lines.stream().map(line -> Json.mapper().readTree(line))
                .filter(json -> json.path("message").asString()
                        .equals("The processor's streams went from REBALANCING to RUNNING"))
                .findFirst().orElseThrow();
        assertThat(running.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(running.path("ecs").path("version").asString()).isNotEmpty();
        assertThat(running.path("service").path("name").asString()).isEqualTo("chorus-processor");
        assertThat(running.path("log").path("logger").asString()).isEqualTo(ProcessorRuntime.class.getName());
    }

    /** The value of the first sample of the metric whose labels contain every one given; 0 when none. */
    private static double sample(String scrape, String metric, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
