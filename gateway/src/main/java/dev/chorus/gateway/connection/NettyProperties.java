package dev.chorus.gateway.connection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.gateway.netty.*}: a second way in to {@code /ws}, on a port of its own, served by Netty instead
 * of the servlet container. Off unless {@code port} is set. Both ways reach the same connections, rules and
 * deliveries; Netty keeps far less per connection and writes a delivery's bytes without copying them per
 * recipient (docs/PERFORMANCE.md), for gateways that hold many connections.
 *
 * @param port           the port Netty serves {@code /ws} on; none (the default) leaves it off, 0 picks a free
 *                       one
 * @param address        the address to listen on; none listens on every interface, as the web server does
 * @param ioThreads      threads that move bytes between sockets and frames; 0 means one per core
 * @param handlerThreads threads that run the handshake (token verification) and each client frame (validation,
 *                       producing its command): each connection keeps to one, in order. More than the cores,
 *                       as a handshake may wait for the identity provider's keys and a command for Kafka
 */
@ConfigurationProperties("chorus.gateway.netty")
record NettyProperties(
        Integer port,
        String address,
        @DefaultValue("0") int ioThreads,
        @DefaultValue("16") int handlerThreads) {

    private static final int MAX_PORT = 65_535;

    NettyProperties {
        if (port != null && (port < 0 || port > MAX_PORT)) {
            throw new IllegalArgumentException("chorus.gateway.netty.port must be between 0 and " + MAX_PORT
                    + ", not " + port);
        }
        if (address != null && address.isBlank()) {
            address = null;
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("chorus.gateway.netty.io-threads must be 0 (one per core) or more");
        }
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("chorus.gateway.netty.handler-threads must be at least 1");
        }
    }

    boolean enabled() {
        return port != null;
    }

    int ioThreadCount() {
        return ioThreads == 0 ? Runtime.getRuntime().availableProcessors() : ioThreads;
    }
}
