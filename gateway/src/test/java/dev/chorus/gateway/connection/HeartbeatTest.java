package dev.chorus.gateway.connection;

import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.TestTokens;
import dev.chorus.gateway.auth.AuthenticatedUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isA;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class HeartbeatTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final MutableClock clock = new MutableClock(T0);
    private final Heartbeat heartbeat = new Heartbeat(registry, properties(), clock);

    @Test
    void everyConnectionIsPinged() throws IOException {
        WebSocketSession session = open();
        registeredAtT0(session);

        clock.advance(Duration.ofSeconds(25));
        heartbeat.ping();

        verify(session).sendMessage(isA(PingMessage.class));
    }

    @Test
    void aConnectionThatAnswersThePingStaysOpen() throws IOException {
        WebSocketSession session = open();
        Connection connection = registeredAtT0(session);

        heartbeat.closeSilent(pingAnswered(connection, Duration.ofSeconds(1)));

        verify(session, never()).close(any());
    }

    @Test
    void aConnectionThatLeavesThePingUnansweredIsClosed() throws IOException {
        WebSocketSession session = open();
        registeredAtT0(session);

        clock.advance(Duration.ofSeconds(25));
        Instant sentAt = heartbeat.ping();
        heartbeat.closeSilent(sentAt);

        verify(session).close(Heartbeat.NO_PONG);
    }

    @Test
    void aConnectionOpenedAfterThePingIsNotJudgedByIt() throws IOException {
        Instant sentAt = heartbeat.ping();
        clock.advance(Duration.ofSeconds(1));
        WebSocketSession session = open();
        registry.add(new Connection("c1", user("alice"), session, clock.instant()));

        heartbeat.closeSilent(sentAt);

        verify(session, never()).close(any());
    }

    @Test
    void aConnectionStillBeingSetUpWhenThePingWentOutIsNotJudgedByIt() throws IOException {
        clock.advance(Duration.ofSeconds(25));
        WebSocketSession session = open();
        // stamped opened, then the heartbeat's ping, then registered: it was never sent that ping
        Connection connection = new Connection("c1", user("alice"), session, clock.instant());
        clock.advance(Duration.ofMillis(5));
        Instant sentAt = heartbeat.ping();
        clock.advance(Duration.ofMillis(5));
        registry.add(connection);

        clock.advance(Duration.ofSeconds(10));
        heartbeat.closeSilent(sentAt);

        verify(session, never()).close(any());
        verify(session, never()).sendMessage(isA(PingMessage.class));
    }

    @Test
    void aConnectionSentAnEarlierPingIsJudgedByTheLaterOneItWasSentToo() throws IOException {
        WebSocketSession session = open();
        Connection connection = registeredAtT0(session);

        heartbeat.closeSilent(pingAnswered(connection, Duration.ZERO));
        clock.advance(Duration.ofSeconds(25));
        Instant second = heartbeat.ping();
        heartbeat.closeSilent(second);

        verify(session).close(Heartbeat.NO_PONG);
    }

    /** The heartbeat 25 s on, answered by {@code connection} {@code after} it; returns when it was sent. */
    private Instant pingAnswered(Connection connection, Duration after) {
        clock.advance(Duration.ofSeconds(25));
        Instant sentAt = heartbeat.ping();
        clock.advance(after);
        connection.ponged(clock.instant());
        return sentAt;
    }

    private Connection registeredAtT0(WebSocketSession session) {
        Connection connection = new Connection("c1", user("alice"), session, T0);
        registry.add(connection);
        return connection;
    }

    private static AuthenticatedUser user(String id) {
        return new AuthenticatedUser(id, id, null);
    }

    private static WebSocketSession open() {
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.isOpen()).thenReturn(true);
        return session;
    }

    private static GatewayProperties properties() {
        return new Binder(new MapConfigurationPropertySource(Map.of("chorus.gateway.auth.hs256-secret",
                TestTokens.SECRET))).bindOrCreate("chorus.gateway", GatewayProperties.class);
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
