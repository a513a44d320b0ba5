package dev.chorus.gateway.connection;

import dev.chorus.gateway.kafka.CommandProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes every connection with 1012 (service restart) when the gateway stops, so clients reconnect to
 * another gateway at once. Stops first of all lifecycles, before the web server. Commands already taken
 * are written first, so that their senders get their answers (or errors) rather than a silence to retry.
 */
@Component
class ConnectionsShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsShutdown.class);

    private final ConnectionRegistry registry;
    private final CommandProducer commands;
    private volatile boolean running;

    ConnectionsShutdown(ConnectionRegistry registry, CommandProducer commands) {
        this.registry = registry;
        this.commands = commands;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        commands.flush();
        var connections = registry.all();
        log.info("closing {} connection(s) for shutdown", connections.size());
        connections.forEach(connection -> connection.close(CloseStatus.SERVICE_RESTARTED));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
