package dev.chorus.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The job's own settings, {@code chorus.analytics.*}.
 *
 * @param applicationId    the Kafka Streams application id: consumer group and prefix of internal topics.
 *                         A new id reads {@code chorus.events} from the beginning
 * @param stateDir         where the window stores live; defaults to {@code chorus-analytics} in the
 *                         temporary directory (they are rebuilt from their changelogs when lost)
 * @param commitInterval   how often the exactly-once transaction commits, which is when closed windows
 *                         become visible to read_committed readers; a window waits for its grace anyway.
 *                         Past 5 s it raises the transaction timeout (TransactionTimeout)
 * @param messagesGrace    how late an event may be and still count in its minute
 * @param activeUsersGrace how late an event may be and still count in its hour
 * @param groupIdle        a group's gauge is removed once the newest closed minute is this much newer than
 *                         the group's own last one, so that quiet groups do not keep series alive for ever
 * @param closeTimeout     how long shutting down waits for the streams to close cleanly
 */
@ConfigurationProperties("chorus.analytics")
record AnalyticsProperties(
        @DefaultValue("chorus-analytics") String applicationId,
        String stateDir,
        @DefaultValue("1s") Duration commitInterval,
        @DefaultValue("30s") Duration messagesGrace,
        @DefaultValue("5m") Duration activeUsersGrace,
        @DefaultValue("5m") Duration groupIdle,
        @DefaultValue("30s") Duration closeTimeout) {

    AnalyticsProperties {
        if (stateDir == null || stateDir.isBlank()) {
            // computed rather than an @DefaultValue, which takes no placeholders
            stateDir = Path.of(System.getProperty("java.io.tmpdir"), "chorus-analytics").toString();
        }
    }
}
