package dev.chorus.gateway.connection;

import dev.chorus.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pings every connection once per heartbeat interval and closes those that leave a ping unanswered past the
 * pong timeout. A peer that vanished without a close frame (a phone losing its network) would otherwise
 * keep its connection, and everything routed to it, until TCP gives up many minutes later; the pings also
 * keep idle connections alive through load balancers.
 */
@Component
class Heartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    static final CloseStatus NO_PONG = CloseStatus.GOING_AWAY.withReason("no pong");

    private final ConnectionRegistry registry;
    private final Duration interval;
    private final Duration pongTimeout;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;

    Heartbeat(ConnectionRegistry registry, GatewayProperties properties, Clock clock) {
        this.registry = registry;
        this.interval = properties.heartbeatInterval();
        this.pongTimeout = properties.pongTimeout();
        this.clock = clock;
    }

    /** Pings every connection; returns when the pings were sent, for {@link #closeSilent} to check. */
    Instant ping() {
        Instant sentAt = clock.instant();
        registry.all().forEach(connection -> connection.ping(sentAt));
        return sentAt;
    }

    /** Closes the connections that were sent the ping of {@code sentAt} and have not answered it. */
    void closeSilent(Instant sentAt) {
        for (Connection connection : registry.all()) {
            if (connection.missedPong(sentAt)) {
                log.info("{} did not answer a ping within {}; closing it", connection, pongTimeout);
                connection.close(NO_PONG);
            }
        }
    }

    private void beat() {
        // An exception escaping a periodic task would cancel every later beat without a word.
        try {
            Instant sentAt = ping();
            scheduler.schedule(() -> closeSilentSafely(sentAt), pongTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.error("a heartbeat failed; the next one runs as planned", e);
        }
    }

    private void closeSilentSafely(Instant sentAt) {
        try {
            closeSilent(sentAt);
        } catch (RuntimeException e) {
            log.error("closing silent connections failed; the next heartbeat tries again", e);
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chorus-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
