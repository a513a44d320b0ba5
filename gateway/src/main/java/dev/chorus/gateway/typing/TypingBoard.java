package dev.chorus.gateway.typing;

import dev.chorus.delivery.Typing;
import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.connection.Frames;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import org.springframework.web.socket.TextMessage;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is typing where, as this gateway has heard, and the frames that tell its local connections. Every
 * gateway keeps its own board from the same signals; each ends a typing state by itself once the timeout
 * passes without a new start, so a typist whose gateway died stops typing everywhere within that timeout.
 *
 * <p>Only a change is pushed: the first start (repeats only push the expiry back) and the stop. Called on
 * the typing thread only (see {@link Scheduler}), which keeps it free of locks and its frames in order.
 */
final class TypingBoard {

    /** The local connections a typist's signals go to: the group's members here, without the typist. */
    interface LocalAudience {
        Collection<Connection> of(String groupId, String typistId);
    }

    private record Key(String groupId, String userId) {
    }

    private static final class State {
        final String gatewayId;
        Scheduler.Timer expiry;

        State(String gatewayId) {
            this.gatewayId = gatewayId;
        }
    }

    private final Map<Key, State> states = new HashMap<>();
    private final Scheduler scheduler;
    private final Duration timeout;
    private final LocalAudience audience;

    TypingBoard(Scheduler scheduler, Duration timeout, LocalAudience audience) {
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.audience = audience;
    }

    void apply(Typing typing) {
        if (typing.active()) {
            start(typing);
        } else {
            stop(typing.groupId(), typing.userId());
        }
    }

    void start(Typing typing) {
        Key key = new Key(typing.groupId(), typing.userId());
        State previous = states.get(key);
        if (previous != null) {
            previous.expiry.cancel();
        }
        State state = new State(typing.gatewayId());
        states.put(key, state);
        state.expiry = scheduler.schedule(() -> expire(key, state), timeout);
        if (previous == null) {
            TextMessage frame = frame(ServerEventType.USER_STARTED_TYPING,
                    new ServerPayload.UserStartedTyping(typing.groupId(), typing.userId(), typing.displayName()));
            // a start is worth nothing late: a connection already behind goes without it
            audience.of(typing.groupId(), typing.userId()).forEach(connection -> connection.offer(frame));
        }
    }

    void stop(String groupId, String userId) {
        State state = states.remove(new Key(groupId, userId));
        if (state != null) {
            state.expiry.cancel();
            pushStopped(groupId, userId);
        }
    }

    boolean isTyping(String groupId, String userId) {
        return states.containsKey(new Key(groupId, userId));
    }

    /** The groups in which the user is typing through the given gateway, by its latest start. */
    List<String> groupsTypedThrough(String userId, String gatewayId) {
        return states.entrySet().stream()
                .filter(e -> e.getKey().userId().equals(userId) && e.getValue().gatewayId.equals(gatewayId))
                .map(e -> e.getKey().groupId())
                .toList();
    }

    private void expire(Key key, State state) {
        // a start after this timer was set replaced the state; its own timer decides
        if (states.get(key) == state) {
            states.remove(key);
            pushStopped(key.groupId(), key.userId());
        }
    }

    /** A stop is always queued, even to a connection that is behind: a lost one would leave typing up for good. */
    private void pushStopped(String groupId, String userId) {
        TextMessage frame = frame(ServerEventType.USER_STOPPED_TYPING,
                new ServerPayload.UserStoppedTyping(groupId, userId));
        audience.of(groupId, userId).forEach(connection -> connection.send(frame));
    }

    private static TextMessage frame(ServerEventType type, Object data) {
        return Frames.text(Envelope.of(type, data));
    }
}
