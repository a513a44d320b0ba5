package dev.chorus.gateway.typing;

import dev.chorus.gateway.auth.AuthenticatedUser;
import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.connection.TestConnections;
import dev.chorus.topic.Json;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** An open connection whose frames the test can read: what its user's screen was told. */
final class Screen {

    final Connection connection;
    private final List<JsonNode> frames = new ArrayList<>();

    private Screen(String connectionId, String userId, WebSocketSession session) {
        when(session.isOpen()).thenReturn(true);
        try {
            doAnswer(invocation -> {
                frames.add(Json.mapper().readTree(((TextMessage) invocation.getArgument(0)).getPayload()));
                return null;
            }).when(session).sendMessage(any());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.connection = TestConnections.connection(connectionId,
                new AuthenticatedUser(userId, "User " + userId, null), session);
    }

    static Screen of(String connectionId, String userId) {
        return new Screen(connectionId, userId, mock(WebSocketSession.class));
    }

    /** A connection whose outbound buffer already holds frames it has not taken yet. */
    static Screen behind(String connectionId, String userId) {
        ConcurrentWebSocketSessionDecorator session = mock(ConcurrentWebSocketSessionDecorator.class);
        when(session.getBufferSize()).thenReturn(1);
        return new Screen(connectionId, userId, session);
    }

    /** The data of the frames of this type received so far. */
    List<JsonNode> frames(String type) {
        return frames.stream().filter(f -> f.get("type").asString().equals(type)).map(f -> f.get("data")).toList();
    }

    List<String> types() {
        return frames.stream().map(f -> f.get("type").asString()).toList();
    }
}
