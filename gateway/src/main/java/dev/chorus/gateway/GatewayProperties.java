package dev.chorus.gateway;

import org.apache.kafka.common.IsolationLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
 * @param allowedOrigins   browser origins (patterns such as {@code https://*.example.com}) allowed to open
 *                         {@code /ws} besides the gateway's own; a handshake without {@code Origin} (not a
 *                         browser) is always allowed. Empty by default: only the page the gateway serves may
 *                         connect, as operators expect of a chat backend; {@code *} opens it to every site
 * @param permessageDeflate whether the {@code permessage-deflate} extension may be negotiated; off by default,
 *                         as compression of frames that mix secrets with attacker-chosen text leaks the secrets
 *                         (CRIME/BREACH) and costs a zlib context of memory per connection
 * @param ioBufferBytes    the size of each buffer the web server keeps for every connection for as long as it
 *                         is open: the socket's read and write buffers, the WebSocket frame input and output
 *                         buffers, the text and binary message buffers. They are most of an idle connection's
 *                         memory; a frame longer than them is simply read and written in several parts, so
 *                         small costs a little CPU on long frames and saves memory on every connection
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
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("false") boolean permessageDeflate,
        @DefaultValue("1KB") DataSize ioBufferBytes,
        @DefaultValue Kafka kafka,
        @DefaultValue Media media) {

    private static final String GENERATED_ID_PREFIX = "gw-";
    /** Below this a WebSocket frame header and a close frame's payload (125 bytes) would not fit comfortably. */
    private static final long MIN_IO_BUFFER_BYTES = 256;
    private static final long MAX_IO_BUFFER_BYTES = 1024 * 1024;

    public GatewayProperties {
        if (id == null || id.isBlank()) {
            id = GENERATED_ID_PREFIX + UUID.randomUUID();
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        if (ioBufferBytes.toBytes() < MIN_IO_BUFFER_BYTES || ioBufferBytes.toBytes() > MAX_IO_BUFFER_BYTES) {
            throw new IllegalArgumentException("chorus.gateway.io-buffer-bytes must be between "
                    + MIN_IO_BUFFER_BYTES + " and " + MAX_IO_BUFFER_BYTES + " bytes, not " + ioBufferBytes);
        }
    }

    /** @return {@code io-buffer-bytes} as an int, which it is bounded to fit */
    public int ioBuffer() {
        return (int) ioBufferBytes.toBytes();
    }

    /**
     * How tokens are verified. At least one source of keys is required: an HS256 secret (tokens minted by a
     * backend that shares it, and dev tokens), or an identity provider's keys for RS256/ES256 tokens, from a
     * JWKS URI or from an OIDC issuer's discovery document.
     *
     * @param hs256Secret    the HMAC key HS256 tokens are signed with
     * @param jwkSetUri      the identity provider's JWKS endpoint; wins over the issuer's discovered one
     * @param issuerUri      the identity provider's issuer: {@code iss} of RS256/ES256 tokens must equal it, and
     *                       without {@code jwk-set-uri} its keys are found through
     *                       {@code <issuer>/.well-known/openid-configuration} at the first token
     * @param audiences      RS256/ES256 tokens must name one of these in {@code aud}; empty accepts any audience,
     *                       which is only safe when the provider issues tokens for Chorus alone
     * @param algorithms     the asymmetric algorithms accepted from the identity provider
     * @param jwksTimeout    connect and read timeout of the JWKS and discovery fetches, so a hung provider
     *                       cannot hold handshakes for ever
     * @param devEnabled     whether {@code POST /api/dev/token} exists and mints tokens for anyone
     * @param devTokenTtl    lifetime of a dev token
     * @param clockSkew      leeway on {@code exp} for issuers whose clocks drift; an open connection is closed
     *                       this long after its token's {@code exp}, as the handshake would then refuse it
     */
    public record Auth(
            String hs256Secret,
            String jwkSetUri,
            String issuerUri,
            @DefaultValue List<String> audiences,
            @DefaultValue({"RS256", "ES256"}) List<String> algorithms,
            @DefaultValue("5s") Duration jwksTimeout,
            @DefaultValue("false") boolean devEnabled,
            @DefaultValue("12h") Duration devTokenTtl,
            @DefaultValue("30s") Duration clockSkew) {

        /** HS256 is only as strong as its key; Nimbus refuses shorter ones too, but later and less clearly. */
        public static final int MIN_SECRET_BYTES = 32;

        public Auth {
            hs256Secret = blankToNull(hs256Secret);
            jwkSetUri = blankToNull(jwkSetUri);
            issuerUri = blankToNull(issuerUri);
            audiences = List.copyOf(audiences);
            algorithms = List.copyOf(algorithms);
            if (hs256Secret == null && jwkSetUri == null && issuerUri == null) {
                throw new IllegalArgumentException("no way to verify tokens: set chorus.gateway.auth.issuer-uri "
                        + "(an OIDC identity provider) or chorus.gateway.auth.jwk-set-uri (its JWKS endpoint) for "
                        + "RS256/ES256 tokens, or chorus.gateway.auth.hs256-secret (e.g. "
                        + "CHORUS_GATEWAY_AUTH_HS256SECRET) to a random secret of at least " + MIN_SECRET_BYTES
                        + " bytes, such as the output of `openssl rand -base64 48`, for HS256 tokens");
            }
            if (hs256Secret != null && secretBytes(hs256Secret).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("chorus.gateway.auth.hs256-secret is too short: HS256 needs "
                        + "at least " + MIN_SECRET_BYTES + " bytes, it has " + secretBytes(hs256Secret).length);
            }
            if (devEnabled && hs256Secret == null) {
                throw new IllegalArgumentException("chorus.gateway.auth.dev-enabled needs "
                        + "chorus.gateway.auth.hs256-secret: dev tokens are signed with it");
            }
            if ((jwkSetUri != null || issuerUri != null) && algorithms.isEmpty()) {
                throw new IllegalArgumentException("chorus.gateway.auth.algorithms must name at least one of "
                        + "RS256, ES256, ...");
            }
        }

        public boolean hasSecret() {
            return hs256Secret != null;
        }

        /** Whether RS256/ES256 tokens of an identity provider are accepted. */
        public boolean hasIdentityProvider() {
            return jwkSetUri != null || issuerUri != null;
        }

        public byte[] secretBytes() {
            if (hs256Secret == null) {
                throw new IllegalStateException("chorus.gateway.auth.hs256-secret is not set");
            }
            return secretBytes(hs256Secret);
        }

        private static byte[] secretBytes(String secret) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        @Override
        public String toString() {
            return "Auth[hs256Secret=" + (hs256Secret == null ? "none" : "<redacted>") + ", jwkSetUri=" + jwkSetUri
                    + ", issuerUri=" + issuerUri + ", audiences=" + audiences + ", algorithms=" + algorithms
                    + ", jwksTimeout=" + jwksTimeout + ", devEnabled=" + devEnabled + ", devTokenTtl=" + devTokenTtl
                    + ", clockSkew=" + clockSkew + "]";
        }
    }

    /**
     * The limits announced in {@code SYSTEM:CONNECTED} and enforced on every frame.
     *
     * @param maxConnectionsPerUser open connections one user may hold on this gateway; a handshake past it is
     *                              refused with 429, so one stolen token cannot open thousands of sockets
     */
    public record Limits(
            @DefaultValue("64KB") DataSize maxFrameBytes,
            @DefaultValue("4000") int maxTextChars,
            @DefaultValue("10MB") DataSize maxMediaBytes,
            @DefaultValue("10") int maxConnectionsPerUser) {

        public Limits {
            requireIntSized("limits.max-frame-bytes", maxFrameBytes);
            if (maxConnectionsPerUser < 1) {
                throw new IllegalArgumentException("chorus.gateway.limits.max-connections-per-user must be at least 1");
            }
            if (maxMediaBytes.toBytes() <= 0) {
                throw new IllegalArgumentException("chorus.gateway.limits.max-media-bytes must be at least 1 byte");
            }
        }

        public int frameBytes() {
            return (int) maxFrameBytes.toBytes();
        }
    }

    /**
     * @param producerLinger        how long the command producer waits to batch: none by default, a person is
     *                              waiting. Kafka's own 5 ms was 4-5 ms of every message's median, as each
     *                              group's partition sees too few commands to fill a batch, and saved about a
     *                              fifth of the CPU per delivery at small fan-out; under load batches still form
     *                              while requests are in flight (docs/PERFORMANCE.md)
     * @param producerMaxBlock      how long a send may block for metadata or buffer space before it fails
     *                              as {@code UNAVAILABLE} rather than freezing the connection's thread
     * @param sendTimeout           how long a command may take to be acknowledged before it fails
     * @param deliveriesPollTimeout how long the deliveries reader blocks in one poll
     * @param startupTimeout        how long start-up waits for the deliveries reader to be positioned
     * @param deliveriesIsolation   {@code read_committed} (the default): a delivery reaches clients once the
     *                              processor's transaction commits, so what an aborted transaction wrote never
     *                              does. {@code read_uncommitted}: as soon as it is written, about half a commit
     *                              interval sooner; after a processor failure the deliveries of its unfinished
     *                              transaction come again when it is processed again (the same messages with
     *                              the same {@code seq}, which clients drop as duplicates), see
     *                              docs/PERFORMANCE.md
     */
    public record Kafka(
            @DefaultValue("0ms") Duration producerLinger,
            @DefaultValue("5s") Duration producerMaxBlock,
            @DefaultValue("30s") Duration sendTimeout,
            @DefaultValue("500ms") Duration deliveriesPollTimeout,
            @DefaultValue("60s") Duration startupTimeout,
            @DefaultValue("read_committed") IsolationLevel deliveriesIsolation) {

        public Kafka {
            Objects.requireNonNull(deliveriesIsolation, "chorus.gateway.kafka.deliveries-isolation");
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
