package dev.chorus.gateway.auth;

import dev.chorus.gateway.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerifierTest {

    private final TokenVerifier verifier = new TokenVerifier(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8),
            Duration.ZERO, Clock.systemUTC());

    @Test
    void aValidTokenNamesItsSubject() {
        String token = TestTokens.sign(TestTokens.SECRET,
                Map.of("sub", "alice", "name", "Alice", "picture", "https://img.example/alice.png"),
                Instant.now().plusSeconds(60));

        assertThat(verifier.verify(token))
                .isEqualTo(new AuthenticatedUser("alice", "Alice", "https://img.example/alice.png"));
    }

    @Test
    void theDisplayNameDefaultsToTheUserId() {
        assertThat(verifier.verify(TestTokens.signedWith(TestTokens.SECRET, "bob")))
                .isEqualTo(new AuthenticatedUser("bob", "bob", null));
        assertThat(verifier.verify(TestTokens.sign(TestTokens.SECRET, Map.of("sub", "bob", "name", " "),
                Instant.now().plusSeconds(60))).displayName()).isEqualTo("bob");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThatThrownBy(() -> verifier.verify(TestTokens.expired("alice")))
                .isInstanceOf(JwtException.class).hasMessageContaining("expired");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertThatThrownBy(() -> verifier.verify(TestTokens.sign(TestTokens.SECRET, Map.of("sub", "alice"), null)))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void theClockSkewIsALeewayOnExpiry() {
        TokenVerifier lenient = new TokenVerifier(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5), Clock.systemUTC());
        String justExpired = TestTokens.sign(TestTokens.SECRET, Map.of("sub", "alice"), Instant.now().minusSeconds(60));

        assertThat(lenient.verify(justExpired).userId()).isEqualTo("alice");
        assertThatThrownBy(() -> verifier.verify(justExpired)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        assertThatThrownBy(() -> verifier.verify(TestTokens.signedWith(TestTokens.OTHER_SECRET, "alice")))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        assertThatThrownBy(() -> verifier.verify(TestTokens.sign(TestTokens.SECRET, Map.of("name", "Nobody"),
                Instant.now().plusSeconds(60)))).isInstanceOf(JwtException.class).hasMessageContaining("sub");
    }

    @Test
    void aSubjectThatIsNotAValidUserIdIsRefused() {
        assertThatThrownBy(() -> verifier.verify(TestTokens.sign(TestTokens.SECRET, Map.of("sub", "u".repeat(129)),
                Instant.now().plusSeconds(60)))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> verifier.verify(TestTokens.sign(TestTokens.SECRET, Map.of("sub", " "),
                Instant.now().plusSeconds(60)))).isInstanceOf(JwtException.class);
    }

    @Test
    void anUnsignedOrMalformedTokenIsRefused() {
        String valid = TestTokens.valid("alice", "Alice");
        String[] parts = valid.split("\\.");
        String noneHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> verifier.verify(noneHeader + "." + parts[1] + ".")).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> verifier.verify("not-a-jwt")).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> verifier.verify(parts[0] + "." + parts[1] + ".AAAA")).isInstanceOf(JwtException.class);
    }

    @Test
    void theIssuerMintsTokensTheVerifierAccepts() {
        TokenIssuer issuer = new TokenIssuer(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofHours(12),
                Clock.systemUTC());

        assertThat(verifier.verify(issuer.issue("carol", "Carol")))
                .isEqualTo(new AuthenticatedUser("carol", "Carol", null));
    }

    @Test
    void anIssuedTokenExpiresAfterItsTtl() {
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), java.time.ZoneOffset.UTC);
        TokenIssuer issuer = new TokenIssuer(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofHours(12),
                yesterday);

        assertThatThrownBy(() -> verifier.verify(issuer.issue("carol", "Carol"))).isInstanceOf(JwtException.class);
    }
}
