package dev.chorus.gateway.auth;

import dev.chorus.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    TokenVerifier tokenVerifier(GatewayProperties properties, Clock clock) {
        GatewayProperties.Auth auth = properties.auth();
        if (auth.hasIdentityProvider() && auth.audiences().isEmpty()) {
            log.warn("chorus.gateway.auth.audiences is empty: any token of {} is accepted, whichever application "
                    + "it was issued for. Set it to Chorus's client id or audience.",
                    auth.jwkSetUri() != null ? auth.jwkSetUri() : auth.issuerUri());
        }
        return new TokenVerifier(
                auth.hasSecret() ? TokenDecoders.hs256(auth.secretBytes(), auth.clockSkew(), clock) : null,
                auth.hasIdentityProvider() ? TokenDecoders.identityProvider(auth, clock) : null);
    }
}
