package dev.chorus.processor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;

/**
 * The processor as its own process: Kafka Streams, and a small web server ({@code server.port}, 8090 by
 * default) for its health probes and metrics only.
 */
@SpringBootApplication
@EnableConfigurationProperties({KafkaSettings.class, ProcessorProperties.class})
@PropertySource("classpath:dev/chorus/processor/management.properties")
public class ProcessorApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application as its jar runs it. Its name is a default property rather than a line of
     * {@code management.properties}, which is read too late for the logging system: it is {@code service.name}
     * in JSON logs.
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ProcessorApplication.class)
                .properties("spring.application.name=chorus-processor");
    }
}
