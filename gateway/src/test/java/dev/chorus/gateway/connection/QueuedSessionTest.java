package dev.chorus.gateway.connection;

import dev.chorus.gateway.auth.AuthenticatedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A client that stops reading costs its own queue and is closed with 1013; it never holds up the sender. */
class QueuedSessionTest {

    private static final int BUFFER = 100;
    private static final int TIME_LIMIT_MS = 200;

    private final ExecutorService writers = Executors.newCachedThreadPool();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch socketAcceptsBytes = new CountDownLatch(1);
    private WebSocketSession socket;

    @BeforeEach
    void aSocketThatTakesNothingUntilReleased() throws Exception {
        socket = mock(WebSocketSession.class);
        when(socket.isOpen()).thenReturn(true);
        when(socket.getId()).thenReturn("s1");
        doAnswer(call -> {
            socketAcceptsBytes.await(10, TimeUnit.SECONDS);
            written.add(((WebSocketMessage<?>) call.getArgument(0)).getPayload().toString());
            return null;
        }).when(socket).sendMessage(any());
    }

    @AfterEach
    void stopWriters() {
        socketAcceptsBytes.countDown();
        writers.shutdownNow();
    }

    @Test
    void sendsReturnAtOnceWhileTheSocketIsStuckAndLaterGoOutInOrder() throws Exception {
        QueuedSession session = new QueuedSession(socket, writers, TIME_LIMIT_MS, BUFFER);

        long started = System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            session.sendMessage(new TextMessage("f" + i));
        }
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        socketAcceptsBytes.countDown();

        assertThat(tookMillis).isLessThan(TIME_LIMIT_MS);
        verify(socket, timeout(5_000).times(5)).sendMessage(any());
        assertThat(written).containsExactly("f1", "f2", "f3", "f4", "f5");
        assertThat(session.getBufferSize()).isZero();
    }

    @Test
    void aCloseWaitsForTheFramesQueuedBeforeItAndNothingIsSentAfter() throws Exception {
        QueuedSession session = new QueuedSession(socket, writers, TIME_LIMIT_MS, BUFFER);
        session.sendMessage(new TextMessage("the answer"));

        session.close(CloseStatus.POLICY_VIOLATION);
        session.sendMessage(new TextMessage("too late"));
        verify(socket, after(100).never()).close(any());
        socketAcceptsBytes.countDown();

        verify(socket, timeout(5_000)).close(CloseStatus.POLICY_VIOLATION);
        assertThat(written).containsExactly("the answer");
    }

    @Test
    void moreBytesWaitingThanTheBufferTakesIsRefusedAsAnOverload() throws Exception {
        QueuedSession session = new QueuedSession(socket, writers, 60_000, BUFFER);
        session.sendMessage(new TextMessage("x".repeat(60)));

        assertThatThrownBy(() -> session.sendMessage(new TextMessage("y".repeat(60))))
                .isInstanceOf(SessionLimitExceededException.class)
                .extracting(e -> ((SessionLimitExceededException) e).getStatus())
                .isEqualTo(CloseStatus.SERVICE_OVERLOAD);
    }

    @Test
    void aWriteStuckPastTheTimeLimitRefusesTheNextSend() throws Exception {
        QueuedSession session = new QueuedSession(socket, writers, TIME_LIMIT_MS, BUFFER);
        session.sendMessage(new TextMessage("first"));

        Thread.sleep(TIME_LIMIT_MS * 2L);

        assertThatThrownBy(() -> session.sendMessage(new TextMessage("second")))
                .isInstanceOf(SessionLimitExceededException.class);
    }

    @Test
    void aSlowReaderLosesTypingFirstThenIsClosedWith1013() throws Exception {
        Connection connection = new Connection("c1", new AuthenticatedUser("bob", "Bob", null),
                new QueuedSession(socket, writers, 60_000, BUFFER), Instant.now());

        connection.send(new TextMessage("m".repeat(60)));
        boolean typingPushed = connection.offer(new TextMessage("typing"));
        connection.send(new TextMessage("n".repeat(60)));

        assertThat(typingPushed).isFalse();
        verify(socket).close(CloseStatus.SERVICE_OVERLOAD);
    }
}
