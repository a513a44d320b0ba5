package dev.chorus.gateway.auth;

import dev.chorus.protocol.Rules;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Duration;

/**
 * Verifies HS256 tokens: signature, an {@code exp} that must be present and in the future, and a {@code sub}
 * that is a valid user id. {@code name} and {@code picture} are optional.
 */
final class TokenVerifier {

    static final String NAME_CLAIM = "name";
    static final String PICTURE_CLAIM = "picture";
    static final String HMAC_SHA256 = "HmacSHA256";

    private final NimbusJwtDecoder decoder;

    TokenVerifier(byte[] secret, Duration clockSkew, Clock clock) {
        decoder = NimbusJwtDecoder.withSecretKey(key(secret)).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(clockSkew);
        // A token without exp would be valid for ever; nothing in Chorus should mint one.
        expiry.setAllowEmptyExpiryClaim(false);
        expiry.setClock(clock);
        JwtClaimValidator<Object> subject = new JwtClaimValidator<>(JwtClaimNames.SUB,
                sub -> sub instanceof String id && Rules.id(JwtClaimNames.SUB, id).isEmpty());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiry, subject));
    }

    static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, HMAC_SHA256);
    }

    /**
     * @throws JwtException when the token is malformed, badly signed, expired or names no subject
     */
    AuthenticatedUser verify(String token) {
        Jwt jwt = decoder.decode(token);
        String userId = jwt.getSubject();
        String name = jwt.getClaimAsString(NAME_CLAIM);
        String displayName = name == null || name.isBlank() ? userId : name;
        String picture = jwt.getClaimAsString(PICTURE_CLAIM);
        return new AuthenticatedUser(userId, displayName, picture == null || picture.isBlank() ? null : picture);
    }
}
