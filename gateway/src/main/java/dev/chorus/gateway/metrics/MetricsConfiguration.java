package dev.chorus.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry registry, Clock clock) {
        return new GatewayMetrics(registry, clock);
    }
}
