package dev.chorus.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Verifies tokens: HS256 against the shared secret, RS256/ES256 (or the configured algorithms) against the
 * identity provider's keys, whichever of the two is configured. Every token needs a valid signature, an
 * {@code exp} in the future and a {@code sub} that is a valid user id; tokens of the identity provider are
 * also checked for issuer and audience. {@code name} and {@code picture} are optional.
 */
final class TokenVerifier {

    static final String NAME_CLAIM = "name";
    static final String PICTURE_CLAIM = "picture";
    static final String HMAC_SHA256 = "HmacSHA256";

    /** A verified token: who, and until when. */
    record Verified(AuthenticatedUser user, Instant expiresAt) {
    }

    private final JwtDecoder hs256;
    private final JwtDecoder identityProvider;

    /** HS256 tokens only. */
    TokenVerifier(byte[] secret, Duration clockSkew, Clock clock) {
        this(TokenDecoders.hs256(secret, clockSkew, clock), null);
    }

    /** @param hs256 or identityProvider may be {@code null}: such tokens are then refused */
    TokenVerifier(JwtDecoder hs256, JwtDecoder identityProvider) {
        this.hs256 = hs256;
        this.identityProvider = identityProvider;
    }

    static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, HMAC_SHA256);
    }

    /**
     * @throws JwtException when the token is malformed, unsigned, signed by an unknown key or with an algorithm
     *                      not accepted, expired, of another issuer or audience, or names no subject
     */
    AuthenticatedUser verify(String token) {
        return verifyWithExpiry(token).user();
    }

    Verified verifyWithExpiry(String token) {
        Jwt jwt = decoderFor(token).decode(token);
        String userId = jwt.getSubject();
        String name = jwt.getClaimAsString(NAME_CLAIM);
        String displayName = name == null || name.isBlank() ? userId : name;
        String picture = jwt.getClaimAsString(PICTURE_CLAIM);
        return new Verified(new AuthenticatedUser(userId, displayName,
                picture == null || picture.isBlank() ? null : picture), jwt.getExpiresAt());
    }

    /**
     * The header's algorithm only picks which key source to try; each decoder accepts its own algorithms
     * alone, so a token cannot pass an HMAC check with a public key (algorithm confusion) or go unsigned.
     */
    private JwtDecoder decoderFor(String token) {
        JWSAlgorithm algorithm;
        try {
            if (!(JWTParser.parse(token) instanceof SignedJWT signed)) {
                throw new BadJwtException("the token is not signed");
            }
            algorithm = signed.getHeader().getAlgorithm();
        } catch (ParseException e) {
            throw new BadJwtException("the token is not a JWT: " + e.getMessage(), e);
        }
        JwtDecoder decoder = JWSAlgorithm.Family.HMAC_SHA.contains(algorithm) ? hs256 : identityProvider;
        if (decoder == null) {
            throw new BadJwtException(algorithm + " tokens are not accepted by this gateway's configuration");
        }
        return decoder;
    }
}
