package dev.chorus.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code chorus.gateway.rate-limit.*}: how many frames one user may send, over all of their connections to one
 * gateway, and when a connection that keeps sending past the limit is closed.
 *
 * @param eventsPerSecond  the bucket's refill rate: frames per second a user may keep up
 * @param burst            the bucket's size: frames a user may send at once after a pause
 * @param maxRefusals      refusals ({@code RATE_LIMITED}) one connection may collect within {@code refusalWindow};
 *                         the next closes it with 1008. A client that backs off on {@code RATE_LIMITED} never
 *                         gets near it; one that ignores it is cut off within the window
 * @param refusalWindow    the window in which refusals are counted, from the first refusal in it
 */
@ConfigurationProperties("chorus.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("20") double eventsPerSecond,
        @DefaultValue("40") int burst,
        @DefaultValue("20") int maxRefusals,
        @DefaultValue("10s") Duration refusalWindow) {

    public RateLimitProperties {
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("chorus.gateway.rate-limit.events-per-second must be positive");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("chorus.gateway.rate-limit.burst must be at least 1");
        }
        if (maxRefusals < 0) {
            throw new IllegalArgumentException("chorus.gateway.rate-limit.max-refusals must be 0 or more");
        }
        if (refusalWindow.isNegative() || refusalWindow.isZero()) {
            throw new IllegalArgumentException("chorus.gateway.rate-limit.refusal-window must be positive");
        }
    }
}
