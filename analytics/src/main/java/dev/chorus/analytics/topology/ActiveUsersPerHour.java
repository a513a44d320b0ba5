package dev.chorus.analytics.topology;

import java.time.Instant;

/**
 * A closed one-hour window over every group, as written to {@code chorus.analytics.active-users-per-hour}
 * (keyed by the window's start, ISO-8601). Hours in which nobody was active are not written.
 *
 * @param windowStart inclusive, on the hour, in event time
 * @param windowEnd   exclusive
 * @param activeUsers distinct users who posted a message or joined a group in the window
 */
public record ActiveUsersPerHour(Instant windowStart, Instant windowEnd, long activeUsers) {
}
