package dev.chorus.gateway.connection;

import dev.chorus.gateway.GatewayProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";

    private final ChorusWebSocketHandler handler;
    private final HandshakeInterceptor authentication;
    private final GatewayProperties properties;
    private final ConnectionRegistry connections;

    WebSocketConfiguration(ChorusWebSocketHandler handler, HandshakeInterceptor authentication,
                           GatewayProperties properties, ConnectionRegistry connections) {
        this.handler = handler;
        this.authentication = authentication;
        this.properties = properties;
        this.connections = connections;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Spring checks the Origin after these interceptors: the gateway's own origin and requests without one
        // always pass, the configured patterns besides; anything else is a 403.
        registry.addHandler(handler, PATH)
                .addInterceptors(authentication, new ConnectionLimit(connections, properties))
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    @Bean
    @ConditionalOnProperty(prefix = "chorus.gateway", name = "permessage-deflate", havingValue = "false",
            matchIfMissing = true)
    FilterRegistrationBean<CompressionPolicy> noCompression() {
        FilterRegistrationBean<CompressionPolicy> registration = new FilterRegistrationBean<>(new CompressionPolicy());
        registration.addUrlPatterns(PATH);
        return registration;
    }

    /** The container closes a frame past the limit with 1009 before the handler ever sees it. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        int maxFrame = properties.limits().frameBytes();
        container.setMaxTextMessageBufferSize(maxFrame);
        container.setMaxBinaryMessageBufferSize(maxFrame);
        return container;
    }
}
