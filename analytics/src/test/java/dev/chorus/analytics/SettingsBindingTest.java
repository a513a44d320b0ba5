package dev.chorus.analytics;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The job runs with no chorus.* settings at all: every one has its default in the records. */
class SettingsBindingTest {

    private static <T> T bind(Map<String, String> properties, String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
    }

    @Test
    void analyticsPropertiesHaveDefaults() {
        AnalyticsProperties analytics = bind(Map.of(), "chorus.analytics", AnalyticsProperties.class);

        assertThat(analytics).isEqualTo(new AnalyticsProperties("chorus-analytics",
                Path.of(System.getProperty("java.io.tmpdir"), "chorus-analytics").toString(), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(30)));
        assertThat(bind(Map.of(), "chorus.kafka", KafkaSettings.class))
                .isEqualTo(new KafkaSettings("localhost:9092", 6, (short) -1));
    }

    @Test
    void propertiesBindByTheirKebabCaseNames() {
        AnalyticsProperties analytics = bind(Map.of(
                "chorus.analytics.application-id", "analytics-recount",
                "chorus.analytics.state-dir", "/data/analytics",
                "chorus.analytics.commit-interval", "5s",
                "chorus.analytics.messages-grace", "1m",
                "chorus.analytics.active-users-grace", "10m",
                "chorus.analytics.group-idle", "1h",
                "chorus.analytics.close-timeout", "10s"), "chorus.analytics", AnalyticsProperties.class);

        assertThat(analytics).isEqualTo(new AnalyticsProperties("analytics-recount", "/data/analytics",
                Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofSeconds(10)));
    }
}
