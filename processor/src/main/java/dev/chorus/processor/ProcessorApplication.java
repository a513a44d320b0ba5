package dev.chorus.processor;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The processor as its own process: Kafka Streams and nothing to serve over HTTP. */
@SpringBootApplication
@EnableConfigurationProperties({KafkaSettings.class, ProcessorProperties.class})
public class ProcessorApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(ProcessorApplication.class).web(WebApplicationType.NONE).run(args);
    }
}
