package dev.chorus.gateway.delivery;

import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.gateway.connection.ConnectionRegistry;
import dev.chorus.gateway.connection.TestConnections;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DeliveryRouterTest {

    private static final Envelope FRAME = Envelope.of(ServerEventType.GROUP_DELETED, new ServerPayload.GroupDeleted("g1"));

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final DeliveryRouter router = new DeliveryRouter(registry, "gw-1");
    private final Map<String, WebSocketSession> sessions = Map.of("a1", open(), "a2", open(), "b1", open(), "c1", open());

    @BeforeEach
    void connect() {
        add("a1", "alice");
        add("a2", "alice");
        add("b1", "bob");
        add("c1", "carol");
    }

    @Test
    void usersReachesEveryConnectionOfThoseUsersOnce() throws IOException {
        assertThat(router.route(new Delivery(new Audience.Users(List.of("alice", "bob", "alice", "zoe")), FRAME)))
                .isEqualTo(3);
        assertReached("a1", "a2", "b1");
    }

    @Test
    void userReachesEveryConnectionOfThatUser() throws IOException {
        router.route(new Delivery(new Audience.User("alice"), FRAME));
        assertReached("a1", "a2");
    }

    @Test
    void connectionReachesThatConnectionOnlyOnItsOwnGateway() throws IOException {
        router.route(new Delivery(new Audience.Connection("gw-1", "a2"), FRAME));
        router.route(new Delivery(new Audience.Connection("gw-2", "a1"), FRAME));
        assertReached("a2");
    }

    @Test
    void everyoneReachesEveryConnection() throws IOException {
        router.route(new Delivery(new Audience.Everyone(), FRAME));
        assertReached("a1", "a2", "b1", "c1");
    }

    @Test
    void theFrameIsSerializedOnceForAllRecipients() throws IOException {
        router.route(new Delivery(new Audience.Everyone(), FRAME));

        List<TextMessage> sent = new ArrayList<>();
        for (WebSocketSession session : sessions.values()) {
            ArgumentCaptor<TextMessage> captor = ArgumentCaptor.forClass(TextMessage.class);
            verify(session).sendMessage(captor.capture());
            sent.add(captor.getValue());
        }
        assertThat(sent).allSatisfy(message -> assertThat(message).isSameAs(sent.get(0)));
        assertThat(sent.get(0).getPayload())
                .isEqualTo("{\"type\":\"GROUP:GROUP_DELETED\",\"data\":{\"groupId\":\"g1\"}}");
    }

    @Test
    void observersSeeEveryDeliveryWhateverItsAudienceBeforeItIsPushed() throws IOException {
        List<String> seen = new ArrayList<>();
        DeliveryObserver watching = delivery ->
                seen.add(delivery.audience().getClass().getSimpleName() + " after " + framesSent() + " frames");
        DeliveryRouter observed = new DeliveryRouter(registry, "gw-1", List.of(watching));

        observed.route(new Delivery(new Audience.Connection("gw-2", "x"), FRAME));
        observed.route(new Delivery(new Audience.Everyone(), FRAME));

        assertThat(seen).containsExactly("Connection after 0 frames", "Everyone after 0 frames");
        assertReached("a1", "a2", "b1", "c1");
    }

    @Test
    void anObserverThatFailsCostsTheRecipientsNothing() throws IOException {
        DeliveryObserver failing = delivery -> {
            throw new IllegalStateException("broken observer");
        };
        new DeliveryRouter(registry, "gw-1", List.of(failing)).route(new Delivery(new Audience.User("bob"), FRAME));

        assertReached("b1");
    }

    @Test
    void aDeliveryWithoutAudienceIsRefusedLoudly() {
        assertThatThrownBy(() -> router.route(new Delivery(null, FRAME))).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertReached(String... connectionIds) throws IOException {
        List<String> expected = List.of(connectionIds);
        for (var entry : sessions.entrySet()) {
            verify(entry.getValue(), expected.contains(entry.getKey()) ? times(1) : never()).sendMessage(any());
        }
    }

    private long framesSent() {
        return sessions.values().stream().flatMap(session -> mockingDetails(session).getInvocations().stream())
                .filter(invocation -> invocation.getMethod().getName().equals("sendMessage"))
                .count();
    }

    private void add(String connectionId, String userId) {
        TestConnections.register(registry,
                TestConnections.connection(connectionId, userId, sessions.get(connectionId)));
    }

    private static WebSocketSession open() {
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.isOpen()).thenReturn(true);
        return session;
    }
}
