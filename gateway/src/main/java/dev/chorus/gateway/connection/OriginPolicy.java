package dev.chorus.gateway.connection;

import org.springframework.web.cors.CorsConfiguration;

import java.net.URI;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Which browser origins may open {@code /ws} on the Netty port: the same rule as on the web server's port
 * (Spring's origin check there), for a page that is served by the web server but connects to another port.
 *
 * <ul>
 *   <li>A handshake without {@code Origin} is not from a browser page, and passes.</li>
 *   <li>The gateway's own origin passes: the host and port the client asked for ({@code Host}), or that host
 *       with the web server's port, where the gateway's own chat page comes from. A port left out is the
 *       default of the origin's scheme, so a page behind a TLS-terminating proxy matches its own host.</li>
 *   <li>So do origins matching {@code chorus.gateway.allowed-origins}; anything else is refused (403).</li>
 * </ul>
 */
final class OriginPolicy {

    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    private final CorsConfiguration allowed = new CorsConfiguration();
    private final IntSupplier webServerPort;

    /**
     * @param patterns      {@code chorus.gateway.allowed-origins}
     * @param webServerPort the port the gateway's web server (and its chat page) is on, asked at each handshake
     *                      as it is known only once that server has started
     */
    OriginPolicy(List<String> patterns, IntSupplier webServerPort) {
        this.allowed.setAllowedOriginPatterns(patterns);
        this.webServerPort = webServerPort;
    }

    /**
     * @param origin the handshake's {@code Origin}; null when it has none
     * @param host   the handshake's {@code Host}; null when it has none
     */
    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (allowed.checkOrigin(origin) != null) {
            return true;
        }
        URI page;
        URI asked;
        try {
            page = URI.create(origin);
            asked = URI.create("//" + host);
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return false;
        }
        if (page.getHost() == null || asked.getHost() == null || !page.getHost().equalsIgnoreCase(asked.getHost())) {
            return false;
        }
        int pagePort = portOf(page.getScheme(), page.getPort());
        return pagePort == portOf(page.getScheme(), asked.getPort()) || pagePort == webServerPort.getAsInt();
    }

    private static int portOf(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme) ? HTTPS_PORT : HTTP_PORT;
    }
}
