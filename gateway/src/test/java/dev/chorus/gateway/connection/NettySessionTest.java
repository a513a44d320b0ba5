package dev.chorus.gateway.connection;

import dev.chorus.gateway.auth.AuthenticatedUser;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Netty connection's outbox on an {@link EmbeddedChannel}, whose "socket" takes frames only when the test
 * lets it ({@link Socket}): ordering, the byte budget, the send time limit, and both ways of closing.
 */
class NettySessionTest {

    private static final int BUFFER = 100;
    private static final int TIME_LIMIT_MS = 200;

    private final List<String> counted = new ArrayList<>();
    private final Socket socket = new Socket();
    private final EmbeddedChannel channel = new EmbeddedChannel(socket);
    private final NettySession session = new NettySession(channel, new HashMap<>(),
            new NettySession.Budget(BUFFER, TIME_LIMIT_MS, frame -> counted.add(frame.getPayload())));

    /** Holds every write until {@link #takeAll()}, as a socket whose reader is slow. */
    private static final class Socket extends ChannelOutboundHandlerAdapter {
        private final List<Object> waiting = new ArrayList<>();
        private final List<ChannelPromise> promises = new ArrayList<>();
        private ChannelHandlerContext context;
        private boolean stuck = true;

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
            context = ctx;
            if (stuck) {
                waiting.add(message);
                promises.add(promise);
            } else {
                ctx.write(message, promise);
            }
        }

        void takeAll() {
            stuck = false;
            if (context == null) {
                return;
            }
            for (int i = 0; i < waiting.size(); i++) {
                context.write(waiting.get(i), promises.get(i));
            }
            waiting.clear();
            promises.clear();
            context.flush();
        }
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void heldFramesWaitForStartWritingThenGoOutInOrderAsTheBytesTheyWereBuiltFrom() throws Exception {
        socket.takeAll();
        TextMessage first = Frames.encoded("{\"type\":\"A\"}");
        session.hold(first, null);
        session.hold(Frames.encoded("{\"type\":\"B\"}"), null);
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isNull();

        session.startWriting();
        channel.runPendingTasks();

        TextWebSocketFrame a = channel.readOutbound();
        TextWebSocketFrame b = channel.readOutbound();
        assertThat(a.text()).isEqualTo("{\"type\":\"A\"}");
        assertThat(b.text()).isEqualTo("{\"type\":\"B\"}");
        assertThat(a.content().array()).as("not copied per recipient").isSameAs(first.asBytes());
        a.release();
        b.release();
    }

    @Test
    void aFrameCountsAsWrittenOnlyOnceTheSocketTookItAndThenGivesItsBytesBack() throws Exception {
        List<String> whenWritten = new ArrayList<>();
        session.send(Frames.encoded("é".repeat(30)), () -> whenWritten.add("delivered"));
        channel.runPendingTasks();

        assertThat(session.pendingBytes()).isEqualTo(60);
        assertThat(whenWritten).isEmpty();
        assertThat(counted).isEmpty();

        socket.takeAll();

        assertThat(whenWritten).containsExactly("delivered");
        assertThat(counted).containsExactly("é".repeat(30));
        assertThat(session.pendingBytes()).isZero();
    }

    @Test
    void moreBytesWaitingThanTheBufferTakesIsRefusedAsAnOverload() throws Exception {
        session.send(new TextMessage("x".repeat(60)), null);
        channel.runPendingTasks();

        assertThatThrownBy(() -> session.send(new TextMessage("y".repeat(60)), null))
                .isInstanceOf(SessionLimitExceededException.class)
                .extracting(e -> ((SessionLimitExceededException) e).getStatus())
                .isEqualTo(CloseStatus.SERVICE_OVERLOAD);
        assertThat(session.pendingBytes()).as("the refused frame is not counted").isEqualTo(60);
    }

    @Test
    void aSocketThatTakesNothingPastTheTimeLimitRefusesTheNextSend() throws Exception {
        session.send(new TextMessage("first"), null);
        channel.runPendingTasks();

        Thread.sleep(TIME_LIMIT_MS * 2L);

        assertThatThrownBy(() -> session.send(new TextMessage("second"), null))
                .isInstanceOf(SessionLimitExceededException.class);
    }

    @Test
    void aSlowReaderLosesTypingFirstThenIsClosedWith1013AtOnce() {
        Connection connection = new Connection("c1", new AuthenticatedUser("bob", "Bob", null), session,
                Instant.now());

        connection.send(new TextMessage("m".repeat(60)));
        channel.runPendingTasks();
        boolean typingPushed = connection.offer(new TextMessage("typing"));
        connection.send(new TextMessage("n".repeat(60)));
        channel.runPendingTasks();

        assertThat(typingPushed).isFalse();
        assertThat(channel.isOpen()).as("closed without waiting for a reader that does not read").isFalse();
        assertThat(session.ended().getCode()).isEqualTo(1013);
    }

    @Test
    void aPingWhileAPongWaitsForTheSocketReplacesAnyNotAnsweredYetAndIsAnsweredOnceThatPongIsWritten() {
        session.answerPing(bytes("first"));
        session.answerPing(bytes("second"));
        session.answerPing(bytes("newest"));
        channel.runPendingTasks();
        assertThat(texts()).as("the socket has taken nothing yet").isEmpty();

        socket.takeAll();
        channel.runPendingTasks();

        assertThat(texts()).containsExactly("pong first", "pong newest");
        session.answerPing(bytes("later"));
        channel.runPendingTasks();
        assertThat(texts()).containsExactly("pong later");
    }

    @Test
    void aCloseFollowsTheFramesBeforeItAndTheSocketClosesOnTheClientsAnswer() throws Exception {
        socket.takeAll();
        session.send(new TextMessage("the answer"), null);
        session.close(CloseStatus.POLICY_VIOLATION);
        session.send(new TextMessage("too late"), null);
        channel.runPendingTasks();

        assertThat(texts()).containsExactly("the answer", "close 1008");
        assertThat(channel.isOpen()).as("waiting for the client's close frame").isTrue();

        session.closedByClient(CloseStatus.POLICY_VIOLATION);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(session.ended()).isEqualTo(CloseStatus.POLICY_VIOLATION);
    }

    /** Text that is not UTF-8, then the client's close read with it: the 1007 is still the answer. */
    @Test
    void aClientsCloseBehindThisSidesQueuedCloseIsAnsweredByItWithoutAWait() throws Exception {
        socket.takeAll();
        session.send(new TextMessage("the answer"), null);
        session.close(CloseStatus.BAD_DATA);
        session.closedByClient(CloseStatus.NORMAL);
        channel.runPendingTasks();

        assertThat(texts()).containsExactly("the answer", "close 1007");
        assertThat(channel.isOpen()).as("closed once the answer is written").isFalse();
        assertThat(session.ended()).isEqualTo(CloseStatus.BAD_DATA);
    }

    /**
     * A client that stopped reading long before it sent its close: its answer, this side's close if one was
     * queued or else the echo, never leaves, and the socket closes after the wait all the same.
     */
    @ParameterizedTest(name = "this side had asked to close first: {0}")
    @ValueSource(booleans = {true, false})
    void aClientsCloseWhoseAnswerTheSocketNeverTakesClosesAfterAWait(boolean thisSideFirst) {
        if (thisSideFirst) {
            session.close(CloseStatus.POLICY_VIOLATION);
            channel.runPendingTasks();
        }
        session.closedByClient(CloseStatus.NORMAL);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).as("the answer is still waiting for the socket").isTrue();

        channel.advanceTimeBy(NettySession.CLOSE_ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(session.ended()).isEqualTo(thisSideFirst ? CloseStatus.POLICY_VIOLATION : CloseStatus.NORMAL);
    }

    /** Whether the socket took the close frame (the client then never answered) or never took it at all. */
    @ParameterizedTest(name = "socket takes the close frame: {0}")
    @ValueSource(booleans = {true, false})
    void aCloseTheClientNeverAnswersClosesTheSocketAfterAWait(boolean socketTakesFrames) {
        if (socketTakesFrames) {
            socket.takeAll();
        }
        session.close(CloseStatus.SERVICE_RESTARTED);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(NettySession.CLOSE_ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(session.ended().getCode()).isEqualTo(1012);
    }

    @Test
    void aClientsCloseIsAnsweredWithTheSameStatusAndTheSessionEndsWithIt() {
        socket.takeAll();

        session.closedByClient(new CloseStatus(4000, "bye"));
        channel.runPendingTasks();

        assertThat(texts()).containsExactly("close 4000");
        assertThat(channel.isOpen()).isFalse();
        assertThat(session.isOpen()).as("open until the handler is told").isTrue();
        assertThat(session.ended()).isEqualTo(new CloseStatus(4000, "bye"));
        assertThat(session.isOpen()).isFalse();
    }

    /** The handler refusing a frame read before the client's close: the echo was the close, nothing follows it. */
    @Test
    void aCloseAskedForAfterTheClientsCloseSendsNoSecondCloseFrame() {
        socket.takeAll();

        session.closedByClient(CloseStatus.NORMAL);
        session.close(CloseStatus.POLICY_VIOLATION);
        channel.runPendingTasks();

        assertThat(texts()).containsExactly("close 1000");
        assertThat(session.ended()).isEqualTo(CloseStatus.NORMAL);
    }

    /** 1005 only says that the client's close frame had no status; it is never sent, so the answer has none. */
    @Test
    void aClientsCloseWithoutAStatusIsAnsweredWithoutOne() {
        socket.takeAll();

        session.closedByClient(CloseStatus.NO_STATUS_CODE);
        channel.runPendingTasks();

        assertThat(texts()).containsExactly("close without a status");
        assertThat(channel.isOpen()).isFalse();
        assertThat(session.ended()).isEqualTo(CloseStatus.NO_STATUS_CODE);
    }


    @Test
    void aSocketLostWithoutACloseFrameEndsWith1006() {
        channel.close();

        assertThat(session.ended()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
    }

    /**
     * What reached the socket: text frames as their text, close frames as {@code close <code>}, pongs as
     * {@code pong <payload>}.
     */
    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (WebSocketFrame frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
            String content = frame.content().toString(StandardCharsets.UTF_8);
            texts.add(frame instanceof CloseWebSocketFrame close
                    ? close.statusCode() == -1 ? "close without a status" : "close " + close.statusCode()
                    : frame instanceof PongWebSocketFrame ? "pong " + content : content);
            frame.release();
        }
        return texts;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
