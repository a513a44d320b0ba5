package dev.chorus.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayPropertiesTest {

    @Test
    void defaultsMatchTheProtocol() {
        GatewayProperties properties = bind(Map.of("chorus.gateway.auth.hs256-secret", TestTokens.SECRET));

        assertThat(properties.auth().devEnabled()).isFalse();
        assertThat(properties.auth().devTokenTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(properties.limits().frameBytes()).isEqualTo(65_536);
        assertThat(properties.limits().maxTextChars()).isEqualTo(4_000);
        assertThat(properties.limits().maxMediaBytes().toBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(properties.pongTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.sendTimeLimitMillis()).isEqualTo(10_000);
        assertThat(properties.sendBufferLimit()).isEqualTo(512 * 1024);
        assertThat(properties.allowedOrigins()).isEmpty();
        assertThat(properties.permessageDeflate()).isFalse();
        assertThat(properties.limits().maxConnectionsPerUser()).isEqualTo(10);
        assertThat(properties.auth().audiences()).isEmpty();
        assertThat(properties.auth().algorithms()).containsExactly("RS256", "ES256");
        assertThat(properties.auth().jwksTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.auth().clockSkew()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBlankIdBecomesAFreshGatewayIdAtEveryStart() {
        GatewayProperties first = bind(Map.of("chorus.gateway.auth.hs256-secret", TestTokens.SECRET));
        GatewayProperties second = bind(Map.of("chorus.gateway.auth.hs256-secret", TestTokens.SECRET,
                "chorus.gateway.id", " "));

        assertThat(first.id()).startsWith("gw-").isNotEqualTo(second.id());
        assertThat(second.id()).startsWith("gw-");
        assertThat(bind(Map.of("chorus.gateway.auth.hs256-secret", TestTokens.SECRET, "chorus.gateway.id", "gw-7")).id())
                .isEqualTo("gw-7");
    }

    @Test
    void limitsAcceptPlainByteCounts() {
        GatewayProperties properties = bind(Map.of("chorus.gateway.auth.hs256-secret", TestTokens.SECRET,
                "chorus.gateway.limits.max-frame-bytes", "1024", "chorus.gateway.limits.max-media-bytes", "2048",
                "chorus.gateway.allowed-origins", "https://a.example,https://b.example"));

        assertThat(properties.limits().frameBytes()).isEqualTo(1024);
        assertThat(properties.limits().maxMediaBytes().toBytes()).isEqualTo(2048);
        assertThat(properties.allowedOrigins()).isEqualTo(List.of("https://a.example", "https://b.example"));
    }

    @Test
    void refusesToStartWithNoWayToVerifyTokens() {
        assertThatThrownBy(() -> bind(Map.of()))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("no way to verify tokens")
                .hasMessageContaining("issuer-uri").hasMessageContaining("jwk-set-uri")
                .hasMessageContaining("hs256-secret");
        assertThatThrownBy(() -> bind(Map.of("chorus.gateway.auth.hs256-secret", " ",
                "chorus.gateway.auth.issuer-uri", "")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("no way to verify tokens");
    }

    @Test
    void anIdentityProviderAloneIsEnough() {
        GatewayProperties byIssuer = bind(Map.of("chorus.gateway.auth.issuer-uri", "https://idp.example/realms/x"));
        GatewayProperties byJwks = bind(Map.of("chorus.gateway.auth.jwk-set-uri", "https://idp.example/jwks",
                "chorus.gateway.auth.audiences", "chorus,chorus-web"));

        assertThat(byIssuer.auth().hasSecret()).isFalse();
        assertThat(byIssuer.auth().hasIdentityProvider()).isTrue();
        assertThat(byJwks.auth().audiences()).containsExactly("chorus", "chorus-web");
        assertThatThrownBy(() -> byIssuer.auth().secretBytes()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void devAuthNeedsTheSecretItSignsWith() {
        assertThatThrownBy(() -> bind(Map.of("chorus.gateway.auth.issuer-uri", "https://idp.example",
                "chorus.gateway.auth.dev-enabled", "true")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("dev-enabled needs");
    }

    @Test
    void refusesNonsensicalLimits() {
        assertThatThrownBy(() -> bind(Map.of("chorus.gateway.auth.hs256-secret", TestTokens.SECRET,
                "chorus.gateway.limits.max-connections-per-user", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("max-connections-per-user");
        assertThatThrownBy(() -> bind(Map.of("chorus.gateway.auth.issuer-uri", "https://idp.example",
                "chorus.gateway.auth.algorithms", "")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("algorithms");
    }

    @Test
    void refusesASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> bind(Map.of("chorus.gateway.auth.hs256-secret", "x".repeat(31))))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("too short").hasMessageContaining("32 bytes");
        assertThat(bind(Map.of("chorus.gateway.auth.hs256-secret", "x".repeat(32))).auth().secretBytes()).hasSize(32);
    }

    @Test
    void neverPrintsTheSecret() {
        GatewayProperties properties = bind(Map.of("chorus.gateway.auth.hs256-secret", TestTokens.SECRET));

        assertThat(properties.toString()).doesNotContain(TestTokens.SECRET);
    }

    @Test
    void kafkaDefaults() {
        KafkaSettings kafka = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("chorus.kafka", KafkaSettings.class);

        assertThat(kafka).isEqualTo(new KafkaSettings("localhost:9092", 6, (short) -1));
    }

    private static GatewayProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("chorus.gateway", GatewayProperties.class);
    }
}
