package dev.chorus.analytics;

import dev.chorus.analytics.metrics.AnalyticsMetrics;
import dev.chorus.analytics.topology.ClosedWindows;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The analytics job as its own process: Kafka Streams, and HTTP for health and Prometheus. */
@SpringBootApplication
@EnableConfigurationProperties({KafkaSettings.class, AnalyticsProperties.class})
public class AnalyticsApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnalyticsApplication.class, args);
    }

    @Bean
    ClosedWindows closedWindows(MeterRegistry registry, AnalyticsProperties properties) {
        return new AnalyticsMetrics(registry, properties.groupIdle());
    }
}
