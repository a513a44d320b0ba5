package dev.chorus.gateway.media;

import dev.chorus.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);

    /**
     * The file-system store makes its folder on the first upload, so a gateway that never takes one leaves no
     * trace; the S3 store makes its bucket now, so a misconfigured one stops the gateway at start-up rather
     * than at the first upload.
     */
    @Bean
    MediaStore mediaStore(GatewayProperties properties, MediaStoreProperties stores) {
        if (stores.store() == MediaStoreProperties.Store.S3) {
            S3MediaStore store = new S3MediaStore(s3Client(stores.s3()), requireBucket(stores.s3()));
            store.ensureBucket();
            log.info("media files are stored in bucket {} at {}", store.bucket(),
                    stores.s3().endpoint() == null ? "AWS S3 " + stores.s3().region() : stores.s3().endpoint());
            return store;
        }
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

    static S3Client s3Client(MediaStoreProperties.S3 s3) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                .credentialsProvider(credentials(s3))
                // Checksums only where S3 requires them: S3-compatible servers differ in the newer (trailing)
                // ones, and the PUT is signed over its whole payload anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s3.endpoint() != null) {
            builder.endpointOverride(URI.create(s3.endpoint()));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(MediaStoreProperties.S3 s3) {
        if (s3.accessKey() != null && s3.secretKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static String requireBucket(MediaStoreProperties.S3 s3) {
        if (s3.bucket() == null) {
            throw new IllegalArgumentException("chorus.gateway.media.s3.bucket is required with "
                    + "chorus.gateway.media.store=s3");
        }
        return s3.bucket();
    }
}
