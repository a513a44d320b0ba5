package dev.chorus.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml against the code it runs, with no Docker engine: every image is one Jib builds or a
 * pinned one, every variable a Chorus service gets is a setting that service has, ports agree, and every file
 * it mounts is in the repository.
 */
class ComposeFileTest {

    private final Compose compose = Compose.load();

    @Test
    void everyServiceRunsAJibImageOfOursOrAPinnedOne() {
        for (String service : compose.services().keySet()) {
            String image = compose.image(service);
            assertThat(compose.service(service)).as(service).containsKey("image");
            if (image.startsWith("chorus/")) {
                assertThat(compose.module(service)).as("%s runs %s, which no module builds", service, image).isNotNull();
            } else {
                assertThat(image).as("%s: a third-party image with a pinned tag", service)
                        .matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
            }
        }
    }

    @Test
    void runsTwoProcessorsTwoGatewaysTheAnalyticsAndTheirSurroundings() {
        assertThat(servicesOf("processor")).hasSize(2);
        assertThat(servicesOf("gateway")).hasSize(2);
        assertThat(servicesOf("analytics")).hasSize(1);
        assertThat(compose.services()).containsKeys("kafka", "lb", "minio", "prometheus", "grafana");
        assertThat(compose.image("kafka")).startsWith("apache/kafka:");
    }

    @Test
    void everyVariableOfAChorusServiceIsASettingOfThatService() {
        Set<String> spring = Settings.springVariables();
        assertThat(spring).as("Spring Boot's own metadata is on the classpath").contains("SERVER_PORT");
        for (String service : compose.services().keySet()) {
            String module = compose.module(service);
            if (module == null) {
                continue;
            }
            Set<String> chorus = Settings.chorusVariables(module);
            for (String variable : compose.environment(service).keySet()) {
                Set<String> known = variable.startsWith("CHORUS_") ? chorus : spring;
                assertThat(known).as("%s sets %s, which %s does not read", service, variable, module).contains(variable);
            }
        }
    }

    @Test
    void everyChorusServiceTalksToTheBrokerInsideTheNetworkAndLogsJson() {
        for (String service : chorusServices()) {
            Map<String, String> environment = compose.environment(service);
            assertThat(environment).as(service).containsEntry("CHORUS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        }
        assertThat(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
    }

    @Test
    void gatewaysShareOneSecretAndOneBucket() {
        List<Map<String, String>> gateways = servicesOf("gateway").stream().map(compose::environment).toList();
        for (Map<String, String> gateway : gateways) {
            assertThat(gateway).containsEntry("CHORUS_GATEWAY_MEDIA_STORE", "s3")
                    .containsEntry("CHORUS_GATEWAY_MEDIA_S3_ENDPOINT", "http://minio:9000")
                    .containsKey("CHORUS_GATEWAY_AUTH_HS256SECRET");
            for (String shared : List.of("CHORUS_GATEWAY_AUTH_HS256SECRET", "CHORUS_GATEWAY_MEDIA_S3_BUCKET",
                    "CHORUS_GATEWAY_MEDIA_PUBLICBASEURL")) {
                assertThat(gateway.get(shared)).as(shared).isEqualTo(gateways.get(0).get(shared));
            }
        }
        assertThat(gateways).extracting(g -> g.get("CHORUS_GATEWAY_ID")).doesNotHaveDuplicates();
        assertThat(compose.list("minio-init", "entrypoint").toString())
                .contains("mb --ignore-existing chorus/" + gateways.get(0).get("CHORUS_GATEWAY_MEDIA_S3_BUCKET"));
    }

    @Test
    void serviceListensWhereItsImageSaysAndOnlyTheLoadBalancerPublishesTheGateways() {
        Map<String, String> ports = Map.of("gateway", "8080", "processor", "8090", "analytics", "8095");
        for (String service : chorusServices()) {
            assertThat(compose.environment(service)).as(service)
                    .containsEntry("SERVER_PORT", ports.get(compose.module(service)));
        }
        for (String gateway : servicesOf("gateway")) {
            assertThat(compose.service(gateway)).as(gateway).doesNotContainKey("ports");
        }
        assertThat(compose.list("lb", "ports")).containsExactly("8080:8080");
    }

    @Test
    void everyMountedFileIsInTheRepository() {
        for (String service : compose.services().keySet()) {
            for (String volume : compose.list(service, "volumes")) {
                String source = volume.split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(Compose.ROOT.resolve(source)).as("%s mounts %s", service, source).exists();
                }
            }
        }
        assertThat(compose.list("lb", "volumes")).contains("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro");
        assertThat(compose.list("prometheus", "volumes"))
                .contains("./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(Files.isDirectory(Compose.ROOT.resolve("deploy/grafana/provisioning/datasources"))).isTrue();
    }

    private List<String> chorusServices() {
        return compose.services().keySet().stream().filter(s -> compose.module(s) != null).toList();
    }

    private List<String> servicesOf(String module) {
        List<String> services = new ArrayList<>();
        for (String service : chorusServices()) {
            if (module.equals(compose.module(service))) {
                services.add(service);
            }
        }
        return services;
    }
}
