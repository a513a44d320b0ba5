package dev.chorus.gateway.auth;

import dev.chorus.gateway.GatewayProperties;
import dev.chorus.protocol.Rules;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the decoders {@link TokenVerifier} chooses between: one for HS256 tokens signed with the shared secret,
 * one for RS256/ES256 tokens signed by an identity provider whose public keys come from its JWKS endpoint.
 */
final class TokenDecoders {

    private TokenDecoders() {
    }

    static NimbusJwtDecoder hs256(byte[] secret, Duration clockSkew, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(TokenVerifier.key(secret))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(common(clockSkew, clock)));
        return decoder;
    }

    /**
     * Keys are fetched at the first token, not at start-up, so a gateway starts while its provider is briefly
     * away, and are cached and refetched when a token names an unknown key id (a rotation).
     */
    static NimbusJwtDecoder identityProvider(GatewayProperties.Auth auth, Clock clock) {
        NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = auth.jwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(auth.jwkSetUri())
                : NimbusJwtDecoder.withIssuerLocation(auth.issuerUri());
        NimbusJwtDecoder decoder = builder
                .jwsAlgorithms(accepted -> {
                    accepted.clear();
                    auth.algorithms().forEach(name -> accepted.add(algorithm(name)));
                })
                .restOperations(restTemplate(auth.jwksTimeout()))
                .build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(common(auth.clockSkew(), clock));
        if (auth.issuerUri() != null) {
            validators.add(new JwtIssuerValidator(auth.issuerUri()));
        }
        if (!auth.audiences().isEmpty()) {
            validators.add(audienceIn(auth.audiences()));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static List<OAuth2TokenValidator<Jwt>> common(Duration clockSkew, Clock clock) {
        JwtTimestampValidator expiry = new JwtTimestampValidator(clockSkew);
        // A token without exp would be valid for ever, and its connection never closed.
        expiry.setAllowEmptyExpiryClaim(false);
        expiry.setClock(clock);
        JwtClaimValidator<Object> subject = new JwtClaimValidator<>(JwtClaimNames.SUB,
                sub -> sub instanceof String id && Rules.id(JwtClaimNames.SUB, id).isEmpty());
        return List.of(expiry, subject);
    }

    /** Any one of the accepted audiences will do: a token may be issued for several services at once. */
    private static OAuth2TokenValidator<Jwt> audienceIn(List<String> accepted) {
        OAuth2Error wrongAudience = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "the token's aud names none of " + accepted, null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(accepted::contains)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(wrongAudience);
    }

    private static SignatureAlgorithm algorithm(String name) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
        if (algorithm == null) {
            throw new IllegalArgumentException("chorus.gateway.auth.algorithms: " + name + " is not an asymmetric "
                    + "JWS algorithm (RS256, ES256, PS256, ...)");
        }
        return algorithm;
    }

    private static RestTemplate restTemplate(Duration timeout) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout);
        requests.setReadTimeout(timeout);
        return new RestTemplate(requests);
    }
}
