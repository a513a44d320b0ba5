package dev.chorus.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Tokens minted with plain Nimbus, independently of the gateway's own issuer, so that the tests check the
 * verifier against the JWT format rather than against itself.
 */
public final class TestTokens {

    public static final String SECRET = "chorus-test-secret-0123456789-abcdefghijklmnop";
    public static final String OTHER_SECRET = "someone-elses-secret-0123456789-abcdefghijklmno";

    private TestTokens() {
    }

    public static String valid(String userId, String name) {
        return sign(SECRET, Map.of("sub", userId, "name", name), Instant.now().plus(Duration.ofHours(1)));
    }

    public static String expired(String userId) {
        return sign(SECRET, Map.of("sub", userId), Instant.now().minus(Duration.ofHours(1)));
    }

    public static String signedWith(String secret, String userId) {
        return sign(secret, Map.of("sub", userId), Instant.now().plus(Duration.ofHours(1)));
    }

    /** @param expiresAt {@code null} for a token without {@code exp} */
    public static String sign(String secret, Map<String, Object> claims, Instant expiresAt) {
        // Issued before it expires, however long ago that was.
        Instant issuedAt = expiresAt == null ? Instant.now() : expiresAt.minus(Duration.ofHours(2));
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issueTime(Date.from(issuedAt));
        claims.forEach(builder::claim);
        if (expiresAt != null) {
            builder.expirationTime(Date.from(expiresAt));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
        return jwt.serialize();
    }
}
