package dev.chorus.gateway.connection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pages may open Netty's {@code /ws}: the rule of the web server's port, told the web server's port. */
class OriginPolicyTest {

    private static final int WEB_SERVER = 8080;
    private static final int NETTY = 9080;

    private final OriginPolicy onlyOwn = new OriginPolicy(List.of(), () -> WEB_SERVER);

    @Test
    void aHandshakeWithoutAnOriginIsNotFromABrowserPageAndPasses() {
        assertThat(onlyOwn.allows(null, "chat.example.com:" + NETTY)).isTrue();
    }

    @Test
    void theGatewaysOwnPagePassesFromTheWebServersPortOrNettysOwn() {
        assertThat(onlyOwn.allows("http://chat.example.com:" + WEB_SERVER, "chat.example.com:" + NETTY)).isTrue();
        assertThat(onlyOwn.allows("http://chat.example.com:" + NETTY, "chat.example.com:" + NETTY)).isTrue();
        assertThat(onlyOwn.allows("http://CHAT.example.com:" + NETTY, "chat.example.com:" + NETTY))
                .as("host names are not case-sensitive").isTrue();
    }

    @Test
    void aPortLeftOutIsTheDefaultOfTheOriginsScheme() {
        assertThat(onlyOwn.allows("https://chat.example.com", "chat.example.com")).as("behind a TLS proxy").isTrue();
        assertThat(onlyOwn.allows("https://chat.example.com", "chat.example.com:443")).isTrue();
        assertThat(onlyOwn.allows("http://chat.example.com", "chat.example.com:80")).isTrue();
        assertThat(onlyOwn.allows("http://chat.example.com", "chat.example.com:443")).isFalse();
    }

    @Test
    void anotherHostOrAnotherPortIsAnotherOrigin() {
        assertThat(onlyOwn.allows("http://evil.example:" + NETTY, "chat.example.com:" + NETTY)).isFalse();
        assertThat(onlyOwn.allows("http://chat.example.com:7000", "chat.example.com:" + NETTY)).isFalse();
        assertThat(onlyOwn.allows("http://chat.example.com.evil.example:" + NETTY, "chat.example.com:" + NETTY))
                .isFalse();
    }

    @Test
    void malformedOriginsOrHostsAreRefused() {
        assertThat(onlyOwn.allows("null", "chat.example.com:" + NETTY)).as("a sandboxed page").isFalse();
        assertThat(onlyOwn.allows("http://chat example", "chat.example.com")).isFalse();
        assertThat(onlyOwn.allows("http://chat.example.com", null)).isFalse();
        assertThat(onlyOwn.allows("http://chat.example.com", "bad host:x")).isFalse();
    }

    @Test
    void configuredPatternsPassAsOnTheWebServersPort() {
        OriginPolicy policy = new OriginPolicy(List.of("https://*.example.org"), () -> WEB_SERVER);

        assertThat(policy.allows("https://app.example.org", "chat.example.com:" + NETTY)).isTrue();
        assertThat(policy.allows("https://app.example.net", "chat.example.com:" + NETTY)).isFalse();
    }
}
