package dev.chorus.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

import java.time.Clock;

/**
 * The WebSocket gateway: authenticates connections, turns frames into commands on {@code chorus.commands}
 * and pushes {@code chorus.deliveries} to its local connections. It keeps nothing durable.
 *
 * <p>When {@link SpringApplication#run} returns, the gateway is ready: the deliveries reader is positioned
 * before the web server accepts its first connection.
 */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
@PropertySource("classpath:dev/chorus/gateway/management.properties")
public class GatewayApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(GatewayApplication.class)
                // a default property, as the logging system (service.name of JSON logs) is set up before
                // the @PropertySource is read
                .properties("spring.application.name=chorus-gateway")
                .run(args);
    }

    /** One clock for every timestamp the gateway stamps, so tests can pin it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
