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
 * @param sendsPerSecond frames a second the client sends at most (twice that at once after a pause); keep it
 *                   below the gateway's {@code chorus.gateway.rate-limit.events-per-second}, so that a
 *                   backlog never earns {@code RATE_LIMITED}
 */
public record ClientSettings(List<URI> gateways, Supplier<String> token, Duration backoffMin, Duration backoffMax,
                             Duration resendAfter, int pageSize, double sendsPerSecond) {

    public ClientSettings {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway is needed");
        }
        if (!(sendsPerSecond > 0)) {
            throw new IllegalArgumentException("sendsPerSecond must be positive");
        }
        gateways = List.copyOf(gateways);
    }

    /**
     * Defaults fit for a LAN and a gateway with its default limits: reconnects within 100 ms..5 s, resends
     * after 5 s (then 10, 20, 40 and 80 s while the server stays silent), pages of 200, at most 15 frames a
     * second (the gateway allows 20).
     */
    public static ClientSettings of(List<URI> gateways, Supplier<String> token) {
        return new ClientSettings(gateways, token, Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 200, 15);
    }

    /** These settings with another send pace, for a gateway whose rate limit is not the default. */
    public ClientSettings withSendsPerSecond(double perSecond) {
        return new ClientSettings(gateways, token, backoffMin, backoffMax, resendAfter, pageSize, perSecond);
    }
}
