package dev.chorus.replay;

import dev.chorus.topic.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code chorus.events} as the tool reads it: all of it or one group's, between two positions.
 *
 * <p>A group's events are all in one partition, the one Kafka's default partitioner gives its key (murmur2
 * of the key's bytes modulo the partitions): the processor's Kafka Streams sinks use that partitioner, and
 * Chorus never adds partitions to a topic. Reading that partition alone is what makes offsets meaningful
 * with {@code --group}. The key is checked too, so another group sharing the partition never shows.
 *
 * <p>Times are the records' Kafka timestamps: the time the gateway wrote the command, which Kafka Streams
 * gives the events it decided. They need not grow along a partition (gateways' clocks differ, and a
 * transaction marker carries its commit time), so a time ends a partition at its first event stamped at or
 * after it, found by reading rather than by Kafka's time index, which would stop at a late marker.
 */
final class EventLog {

    private final LogReader reader;

    EventLog(LogReader reader) {
        this.reader = reader;
    }

    /**
     * The partitions to read, from where to where (end offsets exclusive).
     *
     * @param stopAt each partition also ends at its first event stamped at or after this time
     */
    record Range(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Optional<Instant> stopAt) {
    }

    /**
     * @param events the events read (of the group asked for)
     * @param ends   where each partition's read ended (exclusive), as {@code chorus.events-0 -> 42}
     */
    record Read(long events, Map<String, Long> ends) {
    }

    Range range(Optional<String> group, Optional<Arguments.Position> from, Optional<Arguments.Position> to) {
        List<TopicPartition> all = reader.partitions(Topics.EVENTS.name());
        List<TopicPartition> partitions = group.isPresent()
                ? List.of(all.get(partitionOf(group.get(), all.size())))
                : all;
        Map<TopicPartition, Long> beginnings = reader.beginnings(partitions);
        Map<TopicPartition, Long> ends = reader.ends(partitions);
        Map<TopicPartition, Long> start = new HashMap<>(beginnings);
        if (from.isPresent() && from.get() instanceof Arguments.Position.Offset offset) {
            partitions.forEach(partition -> start.put(partition, offset.offset()));
        } else if (from.isPresent()) {
            // every offset before the first one stamped at or after the time is stamped before it
            start.putAll(reader.firstAtOrAfter(partitions, ((Arguments.Position.Time) from.get()).time()));
        }
        Map<TopicPartition, Long> end = new HashMap<>(ends);
        Optional<Instant> stopAt = Optional.empty();
        if (to.isPresent() && to.get() instanceof Arguments.Position.Offset offset) {
            partitions.forEach(partition -> end.put(partition, offset.offset()));
        } else if (to.isPresent()) {
            Arguments.Position.Time time = (Arguments.Position.Time) to.get();
            // timestamps are milliseconds: "at or before T" is "before T + 1 ms"
            stopAt = Optional.of(time.inclusive() ? time.time().plusMillis(1) : time.time());
        }
        Map<TopicPartition, Long> clampedStart = new HashMap<>();
        Map<TopicPartition, Long> clampedEnd = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long last = ends.get(partition);
            clampedEnd.put(partition, Math.min(end.get(partition), last));
            clampedStart.put(partition, Math.min(Math.max(start.get(partition), beginnings.get(partition)), last));
        }
        return new Range(clampedStart, clampedEnd, stopAt);
    }

    /** Every event of the range, in offset order within each partition; those of other groups skipped. */
    Read read(Range range, Optional<String> group, Consumer<LoggedEvent> sink) {
        long[] matched = {0};
        Map<TopicPartition, Long> ended = reader.read(Topics.EVENTS.name(), range.from(), range.to(), record -> {
            if (range.stopAt().isPresent() && record.timestamp() >= range.stopAt().get().toEpochMilli()) {
                return false;
            }
            LoggedEvent event = LoggedEvent.of(record);
            if (group.isEmpty() || group.get().equals(event.key())) {
                sink.accept(event);
                matched[0]++;
            }
            return true;
        });
        Map<String, Long> ends = new TreeMap<>();
        ended.forEach((partition, offset) -> ends.put(partition.toString(), offset));
        return new Read(matched[0], ends);
    }

    /** The partition Kafka's default partitioner gives a record with this key. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
