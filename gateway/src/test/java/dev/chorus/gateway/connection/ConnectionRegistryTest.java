package dev.chorus.gateway.connection;

import dev.chorus.gateway.auth.AuthenticatedUser;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class ConnectionRegistryTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();

    @Test
    void aUserMayHoldSeveralConnections() {
        Connection laptop = connection("c1", "alice");
        Connection phone = connection("c2", "alice");
        Connection bob = connection("c3", "bob");
        registry.add(laptop);
        registry.add(phone);
        registry.add(bob);

        assertThat(registry.ofUser("alice")).containsExactlyInAnyOrder(laptop, phone);
        assertThat(registry.byId("c2")).contains(phone);
        assertThat(registry.all()).containsExactlyInAnyOrder(laptop, phone, bob);

        registry.remove(laptop);

        assertThat(registry.ofUser("alice")).containsExactly(phone);
        assertThat(registry.byId("c1")).isEmpty();

        registry.remove(phone);

        assertThat(registry.ofUser("alice")).isEmpty();
        assertThat(registry.all()).containsExactly(bob);
    }

    private static Connection connection(String id, String userId) {
        return TestConnections.connection(id, userId, mock(WebSocketSession.class));
    }
}
