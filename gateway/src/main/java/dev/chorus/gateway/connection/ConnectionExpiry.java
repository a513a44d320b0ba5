package dev.chorus.gateway.connection;

import dev.chorus.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection with 1008 when its token expires: a token is checked once, at the handshake, and a
 * revoked user must not keep a connection open for ever on a token that has run out. Clients reconnect with a
 * fresh token. Closes {@code clock-skew} after {@code exp}, when the handshake would refuse the token too.
 */
@Component
class ConnectionExpiry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectionExpiry.class);
    static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("token expired");

    private final Duration clockSkew;
    private final Clock clock;
    private final Map<String, ScheduledFuture<?>> closings = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chorus-token-expiry");
        thread.setDaemon(true);
        return thread;
    });

    ConnectionExpiry(GatewayProperties properties, Clock clock) {
        this.clockSkew = properties.auth().clockSkew();
        this.clock = clock;
    }

    void watch(Connection connection, Instant expiresAt) {
        long delay = Duration.between(clock.instant(), expiresAt.plus(clockSkew)).toMillis();
        closings.put(connection.id(), scheduler.schedule(() -> expire(connection),
                Math.max(0, delay), TimeUnit.MILLISECONDS));
    }

    void forget(Connection connection) {
        ScheduledFuture<?> closing = closings.remove(connection.id());
        if (closing != null) {
            closing.cancel(false);
        }
    }

    private void expire(Connection connection) {
        closings.remove(connection.id());
        log.debug("{}: token expired; closing it", connection);
        connection.close(TOKEN_EXPIRED);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
