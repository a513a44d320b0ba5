package dev.chorus.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Everything {@code chorus.gateway.*} configures. Defaults live here rather than in YAML so that the gateway
 * runs with no configuration file at all, apart from the one secret it cannot guess.
 *
 * @param id               this gateway's address in reply-to fields; blank means a fresh {@code gw-<random>}
 *                         at every start, which is right for a stateless instance
 * @param heartbeatInterval how often the server pings every connection; announced in {@code SYSTEM:CONNECTED}
 * @param pongTimeout      how long a connection may take to answer a ping before it is closed as dead
 * @param sendTimeLimit    how long one send to a connection may take before it counts as a slow reader
 * @param sendBufferBytes  the bounded outbound buffer of each connection
 * @param allowedOrigins   browser origins allowed to open {@code /ws}; any by default, since the token travels
 *                         explicitly and no cookie can be ridden by a foreign page
 */
@ConfigurationProperties("chorus.gateway")
public record GatewayProperties(
        String id,
        @DefaultValue Auth auth,
        @DefaultValue Limits limits,
        @DefaultValue("25s") Duration heartbeatInterval,
        @DefaultValue("10s") Duration pongTimeout,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("512KB") DataSize sendBufferBytes,
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue Kafka kafka,
        @DefaultValue Media media) {

    private static final String GENERATED_ID_PREFIX = "gw-";

    public GatewayProperties {
        if (id == null || id.isBlank()) {
            id = GENERATED_ID_PREFIX + UUID.randomUUID();
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * @param hs256Secret    the HMAC key every token is signed with; required
     * @param devEnabled     whether {@code POST /api/dev/token} exists and mints tokens for anyone
     * @param devTokenTtl    lifetime of a dev token
     * @param clockSkew      leeway on {@code exp} for issuers whose clocks drift
     */
    public record Auth(
            String hs256Secret,
            @DefaultValue("false") boolean devEnabled,
            @DefaultValue("12h") Duration devTokenTtl,
            @DefaultValue("30s") Duration clockSkew) {

        /** HS256 is only as strong as its key; Nimbus refuses shorter ones too, but later and less clearly. */
        public static final int MIN_SECRET_BYTES = 32;

        public Auth {
            if (hs256Secret == null || hs256Secret.isBlank()) {
                throw new IllegalArgumentException("chorus.gateway.auth.hs256-secret is required: set it "
                        + "(e.g. CHORUS_GATEWAY_AUTH_HS256SECRET) to a random secret of at least "
                        + MIN_SECRET_BYTES + " bytes, such as the output of `openssl rand -base64 48`");
            }
            if (secretBytes(hs256Secret).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("chorus.gateway.auth.hs256-secret is too short: HS256 needs "
                        + "at least " + MIN_SECRET_BYTES + " bytes, it has " + secretBytes(hs256Secret).length);
            }
        }

        public byte[] secretBytes() {
            return secretBytes(hs256Secret);
        }

        private static byte[] secretBytes(String secret) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Auth[hs256Secret=<redacted>, devEnabled=" + devEnabled + ", devTokenTtl=" + devTokenTtl
                    + ", clockSkew=" + clockSkew + "]";
        }
    }

    /** The limits announced in {@code SYSTEM:CONNECTED} and enforced on every frame. */
    public record Limits(
            @DefaultValue("64KB") DataSize maxFrameBytes,
            @DefaultValue("4000") int maxTextChars,
            @DefaultValue("10MB") DataSize maxMediaBytes) {

        public Limits {
            requireIntSized("limits.max-frame-bytes", maxFrameBytes);
            if (maxMediaBytes.toBytes() <= 0) {
                throw new IllegalArgumentException("chorus.gateway.limits.max-media-bytes must be at least 1 byte");
            }
        }

        public int frameBytes() {
            return (int) maxFrameBytes.toBytes();
        }
    }

    /**
     * @param producerLinger        how long the command producer waits to batch; small, a person is waiting
     * @param producerMaxBlock      how long a send may block for metadata or buffer space before it fails
     *                              as {@code UNAVAILABLE} rather than freezing the connection's thread
     * @param sendTimeout           how long a command may take to be acknowledged before it fails
     * @param deliveriesPollTimeout how long the deliveries reader blocks in one poll
     * @param startupTimeout        how long start-up waits for the deliveries reader to be positioned
     */
    public record Kafka(
            @DefaultValue("5ms") Duration producerLinger,
            @DefaultValue("5s") Duration producerMaxBlock,
            @DefaultValue("30s") Duration sendTimeout,
            @DefaultValue("500ms") Duration deliveriesPollTimeout,
            @DefaultValue("60s") Duration startupTimeout) {

        public Kafka {
            if (sendTimeout.compareTo(producerLinger) <= 0) {
                throw new IllegalArgumentException("chorus.gateway.kafka.send-timeout must be longer than "
                        + "chorus.gateway.kafka.producer-linger");
            }
        }
    }

    /**
     * @param dir           where the default, file-system media store keeps uploads; gateways that share it
     *                      (a shared volume) can all serve and resolve every upload
     * @param publicBaseUrl scheme, host and port (and any path prefix) that media URLs start with, as clients
     *                      reach this gateway; blank means the scheme, host and port the upload request came to,
     *                      which is right without a proxy in front
     */
    public record Media(
            @DefaultValue("./data/media") Path dir,
            String publicBaseUrl) {

        public Media {
            if (publicBaseUrl != null && publicBaseUrl.isBlank()) {
                publicBaseUrl = null;
            }
            if (publicBaseUrl != null) {
                URI base = URI.create(publicBaseUrl);
                if (!base.isAbsolute() || base.getHost() == null) {
                    throw new IllegalArgumentException("chorus.gateway.media.public-base-url must be an absolute "
                            + "URL such as https://chat.example.com, not " + publicBaseUrl);
                }
                // Media URLs are the base plus "/media/{id}": a trailing slash would double it.
                publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
            }
        }
    }

    public int sendBufferLimit() {
        return requireIntSized("send-buffer-bytes", sendBufferBytes);
    }

    public int sendTimeLimitMillis() {
        return Math.toIntExact(sendTimeLimit.toMillis());
    }

    private static int requireIntSized(String name, DataSize size) {
        if (size.toBytes() <= 0 || size.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chorus.gateway." + name + " must be between 1 byte and 2 GiB");
        }
        return (int) size.toBytes();
    }
}
