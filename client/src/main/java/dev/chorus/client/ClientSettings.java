package dev.chorus.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a {@link ChorusClient} connects.
 *
 * @param gateways   WebSocket endpoints ({@code ws://host:port/ws}), tried in turn from the first
 * @param token      a bearer token for each (re)connect, valid on every gateway
 * @param backoffMin shortest wait before a reconnect
 * @param backoffMax longest wait before a reconnect
 * @param resendAfter how long a send may wait for its acknowledgement before it is sent again
 * @param pageSize   messages per catch-up page (1..200)
 */
public record ClientSettings(List<URI> gateways, Supplier<String> token, Duration backoffMin, Duration backoffMax,
                             Duration resendAfter, int pageSize) {

    public ClientSettings {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway is needed");
        }
        gateways = List.copyOf(gateways);
    }

    /** Defaults fit for a LAN: reconnects within 100 ms..5 s, resends after 5 s, pages of 200. */
    public static ClientSettings of(List<URI> gateways, Supplier<String> token) {
        return new ClientSettings(gateways, token, Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 200);
    }
}
