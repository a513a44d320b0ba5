package dev.chorus.analytics.topology;

import java.time.Instant;

/**
 * A closed one-minute window of one group, as written to {@code chorus.analytics.messages-per-minute}
 * (keyed by group id). Windows with no message are not written.
 *
 * @param windowStart inclusive, on the minute, in event time ({@code occurredAt} of the events)
 * @param windowEnd   exclusive
 * @param messages    messages posted to the group in the window, every kind counted
 */
public record MessagesPerMinute(String groupId, Instant windowStart, Instant windowEnd, long messages) {
}
