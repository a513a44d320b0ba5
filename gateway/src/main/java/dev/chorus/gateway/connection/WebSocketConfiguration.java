package dev.chorus.gateway.connection;

import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.metrics.GatewayMetrics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";
    private static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    private final ChorusWebSocketHandler handler;
    private final HandshakeInterceptor authentication;
    private final GatewayProperties properties;
    private final ConnectionLimit connectionLimit;

    WebSocketConfiguration(ChorusWebSocketHandler handler, HandshakeInterceptor authentication,
                           GatewayProperties properties, ConnectionRegistry connections) {
        this.handler = handler;
        this.authentication = authentication;
        this.properties = properties;
        this.connectionLimit = new ConnectionLimit(connections, properties);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Spring checks the Origin after these interceptors: the gateway's own origin and requests without one
        // always pass, the configured patterns besides; anything else is a 403.
        registry.addHandler(handler, PATH)
                .addInterceptors(authentication, connectionLimit)
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

    /**
     * Tomcat gives every WebSocket session a text and a binary message buffer when it opens, whether or not a
     * long frame ever comes. Sized to the 64 KB frame limit they were 192 KB of every idle connection
     * (docs/PERFORMANCE.md); at {@code io-buffer-bytes} a longer message reaches the handler in parts, and
     * {@link MessageAssembly} joins them and closes with 1009 past the limit, as the container did before.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        int buffer = properties.ioBuffer();
        container.setMaxTextMessageBufferSize(buffer);
        container.setMaxBinaryMessageBufferSize(buffer);
        return container;
    }

    /**
     * The other buffers Tomcat keeps for the life of a connection: the socket's read and write buffers (8 KB
     * each by default) and the WebSocket frame input, output and encoder buffers (8 KB each by default, set
     * only by a system property that Tomcat reads once; a {@code -D} on the command line wins).
     */
    @Bean
    TomcatConnectorCustomizer connectionBuffers() {
        String buffer = Integer.toString(properties.ioBuffer());
        if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
            System.setProperty(TOMCAT_WEBSOCKET_BUFFER, buffer);
        }
        return connector -> {
            connector.setProperty("socket.appReadBufSize", buffer);
            connector.setProperty("socket.appWriteBufSize", buffer);
        };
    }

    /**
     * {@code /ws} on Netty as well, on {@code chorus.gateway.netty.port}: the same handler, checks and limits,
     * with much less kept per connection ({@link NettyProperties}).
     */
    @Bean
    @ConditionalOnProperty(prefix = "chorus.gateway.netty", name = "port")
    NettyTransport nettyTransport(NettyProperties netty, GatewayMetrics metrics, ApplicationContext context) {
        OriginPolicy origins = new OriginPolicy(properties.allowedOrigins(),
                () -> ((WebServerApplicationContext) context).getWebServer().getPort());
        NettySession.Budget budget = new NettySession.Budget(properties.sendBufferLimit(),
                properties.sendTimeLimitMillis(), metrics::frameWritten);
        int frameBytes = properties.limits().frameBytes();
        NettyHandshake handshake = new NettyHandshake(handler, List.of(authentication, connectionLimit), origins,
                frameBytes, properties.permessageDeflate(), budget);
        return new NettyTransport(netty, handler, handshake, frameBytes, properties.permessageDeflate());
    }
}
