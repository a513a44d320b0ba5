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

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
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
    void theBudgetCountsEachFramesUtf8BytesOnceAndGivesThemBackWhenWritten() throws Exception {
        QueuedSession session = new QueuedSession(socket, writers, 60_000, BUFFER);
        session.sendMessage(Frames.encoded("é".repeat(30)));
        session.sendMessage(new TextMessage("€".repeat(10)));

        assertThat(session.getBufferSize()).isEqualTo(60 + 30);
        assertThatThrownBy(() -> session.sendMessage(new TextMessage("y".repeat(11))))
                .isInstanceOf(SessionLimitExceededException.class);
        socketAcceptsBytes.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> session.getBufferSize() == 0);
        assertThat(written).containsExactly("é".repeat(30), "€".repeat(10));
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

    @Test
    void heldFramesWaitForStartWritingThenGoOutInOrder() throws Exception {
        socketAcceptsBytes.countDown();
        QueuedSession session = new QueuedSession(socket, writers, TIME_LIMIT_MS, BUFFER);

        session.hold(new TextMessage("h1"), null);
        session.hold(new TextMessage("h2"), null);
        verify(socket, after(100).never()).sendMessage(any());
        session.startWriting();

        verify(socket, timeout(5_000).times(2)).sendMessage(any());
        assertThat(written).containsExactly("h1", "h2");
    }

    @Test
    void framesAreWrittenInOrderAndEachCountsAsWrittenOnceOnTheSocket() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        QueuedSession session = recordingSession(events, null);

        session.hold(new TextMessage("f1"), () -> events.add("written f1"));
        session.hold(new TextMessage("f2"), () -> events.add("written f2"));
        session.startWriting();
        session.send(new TextMessage("alone"), () -> events.add("written alone"));

        assertThat(events).containsExactly("write f1", "written f1", "write f2", "written f2", "write alone",
                "written alone");
        assertThat(session.getBufferSize()).isZero();
    }

    @Test
    void aCloseAfterQueuedFramesWritesThemFirst() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        QueuedSession session = recordingSession(events, null);

        session.hold(new TextMessage("f1"), null);
        session.hold(new TextMessage("f2"), null);
        session.close(CloseStatus.POLICY_VIOLATION);

        assertThat(events).containsExactly("write f1", "write f2", "close " + CloseStatus.POLICY_VIOLATION.getCode());
    }

    @Test
    void aWriteThatFailsClosesTheConnectionAndDropsWhatWasQueuedBehindIt() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        QueuedSession session = recordingSession(events, "f1");

        session.hold(new TextMessage("f1"), () -> events.add("written f1"));
        session.hold(new TextMessage("f2"), () -> events.add("written f2"));
        session.startWriting();

        assertThat(events).containsExactly("write f1", "close " + CloseStatus.SERVER_ERROR.getCode());
        assertThat(session.pendingBytes()).as("the dropped frame's bytes are given back").isZero();
    }

    /**
     * A session writing on the caller's thread to a socket that logs what it is asked and takes everything, but
     * the frame {@code failing} (null: none), whose write fails.
     */
    private static QueuedSession recordingSession(List<String> events, String failing) throws IOException {
        WebSocketSession recording = mock(WebSocketSession.class);
        boolean[] open = {true};
        when(recording.isOpen()).thenAnswer(call -> open[0]);
        when(recording.getId()).thenReturn("s2");
        doAnswer(call -> {
            Object payload = ((WebSocketMessage<?>) call.getArgument(0)).getPayload();
            events.add("write " + payload);
            if (payload.equals(failing)) {
                throw new IOException("broken pipe");
            }
            return null;
        }).when(recording).sendMessage(any());
        doAnswer(call -> {
            open[0] = false;
            return events.add("close " + ((CloseStatus) call.getArgument(0)).getCode());
        }).when(recording).close(any());
        Executor callersThread = Runnable::run;
        return new QueuedSession(recording, callersThread, TIME_LIMIT_MS, BUFFER);
    }
}
