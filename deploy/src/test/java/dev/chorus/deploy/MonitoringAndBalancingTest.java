package dev.chorus.deploy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files docker-compose.yml mounts: Prometheus scrapes every Chorus instance where it serves its metrics,
 * Grafana's dashboard asks only for meters the code registers, and nginx spreads WebSockets over every gateway
 * with no affinity.
 */
class MonitoringAndBalancingTest {

    private static final Path DEPLOY = Compose.ROOT.resolve("deploy");
    private static final Pattern CHORUS_METRIC = Pattern.compile("\\bchorus_[a-z_]+");
    /** What Prometheus adds to a Micrometer name: counters' _total, timers' unit and histogram series. */
    private static final Pattern SUFFIXES = Pattern.compile("(_seconds)?(_total|_bucket|_count|_sum|_max)?$");

    private final Compose compose = Compose.load();

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryChorusInstanceOnItsPortAndPath() {
        Map<String, Object> prometheus = Compose.yaml(DEPLOY.resolve("prometheus.yml"));
        Set<String> scraped = new TreeSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            assertThat(job.get("metrics_path")).as("job %s", job.get("job_name")).isEqualTo("/actuator/prometheus");
            for (Map<String, Object> targets : (List<Map<String, Object>>) job.get("static_configs")) {
                scraped.addAll((List<String>) targets.get("targets"));
            }
        }
        Set<String> instances = new TreeSet<>();
        for (String service : compose.services().keySet()) {
            if (compose.module(service) != null) {
                instances.add(service + ":" + compose.environment(service).get("SERVER_PORT"));
            }
        }
        assertThat(scraped).isEqualTo(instances);
    }

    @Test
    void theDashboardAsksOnlyForMetersTheCodeRegisters() throws IOException {
        Set<String> meters = new TreeSet<>();
        for (String module : Compose.IMAGE_MODULES) {
            meters.addAll(Settings.meterNames(module));
        }
        JsonNode dashboard = JsonMapper.builder().build().readTree(
                Files.readString(DEPLOY.resolve("grafana/dashboards/chorus.json")));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asString());
                assertThat(target.path("datasource").path("uid").asString()).isEqualTo("prometheus");
            }
        }
        assertThat(expressions).hasSizeGreaterThan(10);
        for (String expression : expressions) {
            Matcher metric = CHORUS_METRIC.matcher(expression);
            while (metric.find()) {
                String name = SUFFIXES.matcher(metric.group()).replaceFirst("");
                assertThat(meters).as("%s in %s", metric.group(), expression).contains(name);
            }
        }
        String all = String.join("\n", expressions);
        assertThat(all).contains("chorus_connections", "chorus_frames_in_total", "chorus_deliveries_total",
                "chorus_delivery_latency_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max",
                "chorus_analytics_group_messages_per_minute", "chorus_analytics_active_users_per_hour");
        assertThat(Files.readString(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml")))
                .contains("uid: prometheus", "url: http://prometheus:9090");
    }

    @Test
    void nginxSpreadsEveryGatewayWithoutAffinityAndUpgradesWebSockets() throws IOException {
        String nginx = Files.readString(DEPLOY.resolve("nginx.conf"));
        String directives = nginx.replaceAll("#[^\n]*", "");
        String webServers = upstream(directives, proxyPass(directives, "/"));
        String sockets = upstream(directives, proxyPass(directives, "/ws"));
        for (String service : compose.services().keySet()) {
            if ("gateway".equals(compose.module(service))) {
                Map<String, String> environment = compose.environment(service);
                assertThat(webServers).contains("server " + service + ":" + environment.get("SERVER_PORT") + " ");
                // WebSockets go to the gateway's Netty port, the transport the benchmarks measure
                assertThat(environment).containsKey("CHORUS_GATEWAY_NETTY_PORT");
                assertThat(sockets).as("the upstream of location /ws")
                        .contains("server " + service + ":" + environment.get("CHORUS_GATEWAY_NETTY_PORT") + " ");
            }
        }
        assertThat(directives).doesNotContain("ip_hash", "sticky", "hash $")
                .contains("proxy_set_header Upgrade $http_upgrade", "proxy_set_header Connection $connection_upgrade",
                        "proxy_http_version 1.1", "location /ws", "listen 8080");
    }

    /** The upstream that {@code location <path>} proxies to. */
    private static String proxyPass(String nginx, String path) {
        Matcher location = Pattern.compile("location " + Pattern.quote(path) + " \\{[^}]*?proxy_pass http://(\\w+);")
                .matcher(nginx);
        assertThat(location.find()).as("location %s proxies to an upstream", path).isTrue();
        return location.group(1);
    }

    /** The body of {@code upstream <name>}. */
    private static String upstream(String nginx, String name) {
        Matcher upstream = Pattern.compile("upstream " + name + " \\{([^}]*)}").matcher(nginx);
        assertThat(upstream.find()).as("upstream %s", name).isTrue();
        return upstream.group(1);
    }
}
