package dev.chorus.analytics.metrics;

import dev.chorus.analytics.topology.ActiveUsersPerHour;
import dev.chorus.analytics.topology.MessagesPerMinute;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The latest closed windows, as Prometheus scrapes them. */
class AnalyticsMetricsTest {

    private static final Instant T10_00 = Instant.parse("2025-03-01T10:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AnalyticsMetrics metrics = new AnalyticsMetrics(registry, Duration.ofMinutes(5));

    private static MessagesPerMinute minute(String groupId, int minutesAfterTen, long messages) {
        Instant start = T10_00.plus(Duration.ofMinutes(minutesAfterTen));
        return new MessagesPerMinute(groupId, start, start.plus(Duration.ofMinutes(1)), messages);
    }

    @Test
    void shouldShowEachGroupsLatestClosedMinute() {
        metrics.messagesPerMinute(minute("g-1", 0, 7));
        metrics.messagesPerMinute(minute("g-2", 0, 2));
        metrics.messagesPerMinute(minute("g-1", 1, 3));

        assertThat(registry.scrape()).contains(
                "chorus_analytics_group_messages_per_minute{group=\"g-1\"} 3.0",
                "chorus_analytics_group_messages_per_minute{group=\"g-2\"} 2.0",
                // 10:02:00
                "chorus_analytics_window_end_seconds{aggregate=\"messages-per-minute\"} 1.74082332E9");
    }

    @Test
    void shouldKeepTheNewerWindowWhenAnOlderOneIsToldAgain() {
        metrics.messagesPerMinute(minute("g-1", 1, 3));
        metrics.messagesPerMinute(minute("g-1", 0, 7));

        assertThat(registry.scrape()).contains("chorus_analytics_group_messages_per_minute{group=\"g-1\"} 3.0");
    }

    @Test
    void shouldForgetAGroupOnceItHasBeenQuietForTheIdleTime() {
        metrics.messagesPerMinute(minute("g-quiet", 0, 1));
        metrics.messagesPerMinute(minute("g-busy", 5, 4));
        assertThat(metrics.trackedGroups()).containsOnlyKeys("g-quiet", "g-busy");

        metrics.messagesPerMinute(minute("g-busy", 6, 4));

        assertThat(metrics.trackedGroups()).containsOnlyKeys("g-busy");
        assertThat(registry.scrape()).doesNotContain("g-quiet");
    }

    @Test
    void shouldShowTheActiveUsersOfTheLatestClosedHour() {
        metrics.activeUsersPerHour(new ActiveUsersPerHour(T10_00, T10_00.plus(Duration.ofHours(1)), 42));

        assertThat(registry.scrape()).contains("chorus_analytics_active_users_per_hour 42.0",
                "chorus_analytics_window_end_seconds{aggregate=\"active-users-per-hour\"} 1.7408268E9");
    }
}
