package dev.chorus.gateway.connection;

import dev.chorus.gateway.GatewayProperties;
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

    WebSocketConfiguration(ChorusWebSocketHandler handler, HandshakeInterceptor authentication,
                           GatewayProperties properties) {
        this.handler = handler;
        this.authentication = authentication;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH)
                .addInterceptors(authentication)
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
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
