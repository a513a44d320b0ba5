package dev.chorus.processor;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The probes and meters of the processor (see {@link StreamsHealth} and {@link CommandMetrics}). */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    /** {@code streams} in the readiness group. */
    @Bean
    HealthIndicator streamsHealthIndicator(ProcessorRuntime runtime) {
        return StreamsHealth.readiness(runtime);
    }

    /** {@code streamsLiveness} in the liveness group. */
    @Bean
    HealthIndicator streamsLivenessHealthIndicator(ProcessorRuntime runtime) {
        return StreamsHealth.liveness(runtime);
    }

    @Bean
    CommandMetrics commandMetrics(MeterRegistry registry) {
        return new CommandMetrics(registry);
    }
}
