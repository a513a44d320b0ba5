package dev.chorus.gateway.auth;

import dev.chorus.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    TokenVerifier tokenVerifier(GatewayProperties properties, Clock clock) {
        GatewayProperties.Auth auth = properties.auth();
        return new TokenVerifier(auth.secretBytes(), auth.clockSkew(), clock);
    }
}
