package dev.chorus.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.TestIdentityProvider;
import dev.chorus.gateway.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RS256 and ES256 tokens of a real identity provider, whose keys come over HTTP from its JWKS endpoint. */
class IdentityProviderTokensTest {

    private static TestIdentityProvider idp;

    @BeforeAll
    static void startTheProvider() {
        idp = TestIdentityProvider.start();
    }

    @AfterAll
    static void stopTheProvider() {
        idp.close();
    }

    @Test
    void rs256AndEs256TokensOfTheIssuerAreAcceptedThroughDiscovery() {
        TokenVerifier verifier = verifier(idp.gatewayProperties());

        assertThat(verifier.verify(idp.rs256("alice"))).isEqualTo(new AuthenticatedUser("alice", "User alice", null));
        assertThat(verifier.verify(idp.es256("bob")).userId()).isEqualTo("bob");
    }

    @Test
    void aJwkSetUriWorksWithoutDiscovery() {
        TokenVerifier verifier = verifier(Map.of("chorus.gateway.auth.jwk-set-uri", idp.jwkSetUri()));

        assertThat(verifier.verify(idp.rs256("carol")).userId()).isEqualTo("carol");
        assertThat(verifier.verify(idp.es256("carol")).userId()).isEqualTo("carol");
    }

    @Test
    void theExpiryOfTheTokenIsReported() {
        Instant exp = Instant.now().plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = idp.token(JWSAlgorithm.RS256, idp.claims("dan").expirationTime(Date.from(exp)).build());

        assertThat(verifier(idp.gatewayProperties()).verifyWithExpiry(token).expiresAt()).isEqualTo(exp);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String token = idp.token(JWSAlgorithm.RS256, idp.claims("eve").issuer("https://evil.example").build());

        assertThatThrownBy(() -> verifier(idp.gatewayProperties()).verify(token)).isInstanceOf(JwtException.class)
                .hasMessageContaining("iss");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        TokenVerifier verifier = verifier(idp.gatewayProperties());
        String otherApp = idp.token(JWSAlgorithm.RS256, idp.claims("eve").audience("billing").build());
        String noAudience = idp.token(JWSAlgorithm.RS256, idp.claims("eve").audience((String) null).build());

        assertThatThrownBy(() -> verifier.verify(otherApp)).isInstanceOf(JwtException.class).hasMessageContaining("aud");
        assertThatThrownBy(() -> verifier.verify(noAudience)).isInstanceOf(JwtException.class);
        // one of several audiences is enough
        assertThat(verifier.verify(idp.token(JWSAlgorithm.ES256,
                idp.claims("fay").audience(java.util.List.of("billing", "chorus")).build())).userId()).isEqualTo("fay");
    }

    @Test
    void expiryIsCheckedWithTheClockSkew() {
        Instant expired = Instant.now().minusSeconds(20);
        String token = idp.token(JWSAlgorithm.RS256, idp.claims("gus").issueTime(Date.from(expired.minusSeconds(60)))
                .expirationTime(Date.from(expired)).build());
        Map<String, String> strict = new HashMap<>(idp.gatewayProperties());
        strict.put("chorus.gateway.auth.clock-skew", "0s");
        Map<String, String> lenient = new HashMap<>(idp.gatewayProperties());
        lenient.put("chorus.gateway.auth.clock-skew", "60s");

        assertThatThrownBy(() -> verifier(strict).verify(token)).isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");
        assertThat(verifier(lenient).verify(token).userId()).isEqualTo("gus");
        String withoutExpiry = idp.token(JWSAlgorithm.RS256, idp.claims("gus").expirationTime(null).build());
        assertThatThrownBy(() -> verifier(lenient).verify(withoutExpiry)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenSignedWithAnUnpublishedKeyIsRefused() {
        assertThatThrownBy(() -> verifier(idp.gatewayProperties()).verify(idp.fromStranger("mallory")))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void anAlgorithmNotConfiguredIsRefused() {
        Map<String, String> rsaOnly = new HashMap<>(idp.gatewayProperties());
        rsaOnly.put("chorus.gateway.auth.algorithms", "RS256");

        assertThat(verifier(rsaOnly).verify(idp.rs256("hal")).userId()).isEqualTo("hal");
        assertThatThrownBy(() -> verifier(rsaOnly).verify(idp.es256("hal"))).isInstanceOf(JwtException.class);
    }

    @Test
    void hs256TokensNeedTheSecretAndProviderTokensNeedTheProvider() {
        String hs256 = TestTokens.valid("ivy", "Ivy");
        TokenVerifier providerOnly = verifier(idp.gatewayProperties());
        TokenVerifier secretOnly = verifier(Map.of("chorus.gateway.auth.hs256-secret", TestTokens.SECRET));
        Map<String, String> both = new HashMap<>(idp.gatewayProperties());
        both.put("chorus.gateway.auth.hs256-secret", TestTokens.SECRET);

        assertThatThrownBy(() -> providerOnly.verify(hs256)).isInstanceOf(JwtException.class)
                .hasMessageContaining("HS256");
        assertThatThrownBy(() -> secretOnly.verify(idp.rs256("ivy"))).isInstanceOf(JwtException.class)
                .hasMessageContaining("RS256");
        assertThat(verifier(both).verify(hs256).userId()).isEqualTo("ivy");
        assertThat(verifier(both).verify(idp.es256("ivy")).userId()).isEqualTo("ivy");
    }

    @Test
    void unsignedAndMalformedTokensAreRefused() {
        TokenVerifier verifier = verifier(idp.gatewayProperties());
        String unsigned = new com.nimbusds.jwt.PlainJWT(idp.claims("joe").build()).serialize();

        assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOf(JwtException.class)
                .hasMessageContaining("not signed");
        assertThatThrownBy(() -> verifier.verify("a.b.c")).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> verifier.verify("garbage")).isInstanceOf(JwtException.class);
    }

    @Test
    void keysAreFetchedOnceAndCached() {
        TokenVerifier verifier = verifier(Map.of("chorus.gateway.auth.jwk-set-uri", idp.jwkSetUri()));
        int before = idp.jwksFetches();

        for (int i = 0; i < 5; i++) {
            verifier.verify(idp.rs256("kim" + i));
        }

        assertThat(idp.jwksFetches() - before).isEqualTo(1);
    }

    private static TokenVerifier verifier(Map<String, String> properties) {
        GatewayProperties gateway = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("chorus.gateway", GatewayProperties.class);
        return new AuthConfiguration().tokenVerifier(gateway, Clock.systemUTC());
    }
}
