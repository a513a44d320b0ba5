package dev.chorus.gateway.typing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code chorus.gateway.typing.*}. A record of its own rather than a part of {@code GatewayProperties}, so
 * that typing owns its settings as it owns its code.
 *
 * @param timeout        how long a typing state lasts after the last {@code START_TYPING} seen; every
 *                       gateway ends its copy by itself, which also ends typing whose gateway died
 * @param membershipWait how long a typing request waits for the user's groups when their profile is still on
 *                       its way (just after connecting) before it is answered {@code UNAVAILABLE}; also how
 *                       long an unanswered request for that profile stands before the next one asks again
 * @param pollTimeout    how long the typing reader blocks in one poll (it returns as soon as records come)
 */
@ConfigurationProperties("chorus.gateway.typing")
record TypingProperties(
        @DefaultValue("6s") Duration timeout,
        @DefaultValue("5s") Duration membershipWait,
        @DefaultValue("500ms") Duration pollTimeout) {

    TypingProperties {
        requirePositive("timeout", timeout);
        requirePositive("membership-wait", membershipWait);
        requirePositive("poll-timeout", pollTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("chorus.gateway.typing." + name + " must be positive, not " + value);
        }
    }
}
