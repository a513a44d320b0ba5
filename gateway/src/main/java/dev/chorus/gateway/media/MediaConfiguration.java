package dev.chorus.gateway.media;

import dev.chorus.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);

    /** The folder is made on the first upload, so a gateway that never takes one leaves no trace. */
    @Bean
    MediaStore mediaStore(GatewayProperties properties) {
        FileSystemMediaStore store = new FileSystemMediaStore(properties.media().dir());
        log.info("media files are stored in {}", store.dir());
        return store;
    }

    @Bean
    MediaUploads mediaUploads(MediaStore store, GatewayProperties properties, Clock clock) {
        return new MediaUploads(store, new MediaIds(), properties.limits().maxMediaBytes().toBytes(), clock);
    }

    @Bean
    MediaReferences mediaReferences(MediaStore store) {
        return new MediaReferences(store);
    }
}
