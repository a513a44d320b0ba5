package dev.chorus.gateway.auth;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Mints the tokens {@link TokenVerifier} accepts; used by the dev token endpoint only. */
final class TokenIssuer {

    private final JwtEncoder encoder;
    private final Duration ttl;
    private final Clock clock;

    TokenIssuer(byte[] secret, Duration ttl, Clock clock) {
        this.encoder = NimbusJwtEncoder.withSecretKey(TokenVerifier.key(secret)).build();
        this.ttl = ttl;
        this.clock = clock;
    }

    String issue(String userId, String displayName) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(userId)
                .claim(TokenVerifier.NAME_CLAIM, displayName)
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
