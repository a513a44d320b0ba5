package dev.chorus.gateway.media;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.gateway.media.store} and {@code chorus.gateway.media.s3.*}: where uploads live. The folder of the
 * default store stays {@code chorus.gateway.media.dir} ({@code GatewayProperties}).
 *
 * @param store {@code filesystem} (a folder, shared by gateways on one host or a shared volume) or {@code s3} (a
 *              bucket of S3 or of any S3-compatible server, shared by every gateway that names it)
 */
@ConfigurationProperties("chorus.gateway.media")
record MediaStoreProperties(
        @DefaultValue("filesystem") Store store,
        @DefaultValue S3 s3) {

    enum Store { FILESYSTEM, S3 }

    /**
     * @param endpoint  the server's URL, e.g. {@code http://minio:9000}; blank means AWS S3 itself, found from the
     *                  region
     * @param bucket    made at start-up when missing
     * @param region    signing region; S3-compatible servers mostly accept any
     * @param accessKey with {@code secret-key}; both blank means the AWS SDK's default credentials chain
     *                  (environment, profile, instance role)
     * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key}: what most
     *                  S3-compatible servers need; AWS S3 takes both
     */
    record S3(
            String endpoint,
            String bucket,
            @DefaultValue("us-east-1") String region,
            String accessKey,
            String secretKey,
            @DefaultValue("true") boolean pathStyle) {

        S3 {
            endpoint = blankToNull(endpoint);
            bucket = blankToNull(bucket);
            accessKey = blankToNull(accessKey);
            secretKey = blankToNull(secretKey);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", accessKey="
                    + accessKey + ", secretKey=" + (secretKey == null ? "none" : "<redacted>") + ", pathStyle="
                    + pathStyle + "]";
        }
    }
}
