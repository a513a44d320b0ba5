package dev.chorus.gateway.auth;

import dev.chorus.gateway.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TokenHandshakeInterceptorTest {

    private final TokenHandshakeInterceptor interceptor = new TokenHandshakeInterceptor(new TokenVerifier(
            TestTokens.SECRET.getBytes(StandardCharsets.UTF_8), Duration.ZERO, Clock.systemUTC()));

    @Test
    void aTokenInTheQueryAuthenticates() {
        MockHttpServletRequest request = handshake();
        request.setQueryString("access_token=" + TestTokens.valid("alice", "Alice"));

        assertThat(authenticate(request)).contains(new AuthenticatedUser("alice", "Alice", null));
    }

    @Test
    void aBearerHeaderAuthenticates() {
        MockHttpServletRequest request = handshake();
        request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid("bob", "Bob"));

        assertThat(authenticate(request)).contains(new AuthenticatedUser("bob", "Bob", null));
    }

    @Test
    void theHeaderWinsOverTheQuery() {
        MockHttpServletRequest request = handshake();
        request.addHeader(HttpHeaders.AUTHORIZATION, "bearer " + TestTokens.valid("bob", "Bob"));
        request.setQueryString("access_token=" + TestTokens.valid("alice", "Alice"));

        assertThat(authenticate(request).map(AuthenticatedUser::userId)).contains("bob");
    }

    @Test
    void noTokenIsA401WithAChallenge() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(authenticate(handshake(), response)).isEmpty();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    }

    @Test
    void anInvalidTokenIsA401() {
        for (String token : new String[]{"garbage", TestTokens.expired("alice"),
                TestTokens.signedWith(TestTokens.OTHER_SECRET, "alice")}) {
            MockHttpServletRequest request = handshake();
            request.setQueryString("access_token=" + token);
            MockHttpServletResponse response = new MockHttpServletResponse();

            assertThat(authenticate(request, response)).as(token).isEmpty();
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
        }
    }

    @Test
    void anotherAuthorizationSchemeIsNoToken() {
        assertThat(BearerTokens.from(URI.create("http://h/ws"), headers("Basic YWxpY2U6c2VjcmV0"))).isEmpty();
        assertThat(BearerTokens.from(URI.create("http://h/ws"), headers("Bearer   "))).isEmpty();
        assertThat(BearerTokens.from(URI.create("http://h/ws?access_token="), new HttpHeaders())).isEmpty();
        assertThat(BearerTokens.from(URI.create("http://h/ws?access_token=a%2Eb"), new HttpHeaders())).contains("a.b");
    }

    private static HttpHeaders headers(String authorization) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, authorization);
        return headers;
    }

    private static MockHttpServletRequest handshake() {
        return new MockHttpServletRequest("GET", "/ws");
    }

    private Optional<AuthenticatedUser> authenticate(MockHttpServletRequest request) {
        return authenticate(request, new MockHttpServletResponse());
    }

    private Optional<AuthenticatedUser> authenticate(MockHttpServletRequest request, MockHttpServletResponse response) {
        Map<String, Object> attributes = new HashMap<>();
        ServletServerHttpResponse serverResponse = new ServletServerHttpResponse(response);
        boolean accepted = interceptor.beforeHandshake(new ServletServerHttpRequest(request), serverResponse,
                null, attributes);
        serverResponse.close();
        assertThat(accepted).isEqualTo(AuthenticatedUser.from(attributes).isPresent());
        return AuthenticatedUser.from(attributes);
    }
}
