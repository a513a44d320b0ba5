package dev.chorus.replay;

import dev.chorus.topic.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
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
 */
final class EventLog {

    private final LogReader reader;

    EventLog(LogReader reader) {
        this.reader = reader;
    }

    /** The partitions to read, and from where to where. */
    record Range(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {

        /** Where each partition's read ends (exclusive), as {@code chorus.events-0 -> 42}. */
        Map<String, Long> ends() {
            Map<String, Long> ends = new TreeMap<>();
            to.forEach((partition, offset) -> ends.put(partition.toString(), offset));
            return ends;
        }
    }

    Range range(Optional<String> group, Optional<Arguments.Position> from, Optional<Arguments.Position> to) {
        List<TopicPartition> all = reader.partitions(Topics.EVENTS.name());
        List<TopicPartition> partitions = group.isPresent()
                ? List.of(all.get(partitionOf(group.get(), all.size())))
                : all;
        Map<TopicPartition, Long> beginnings = reader.beginnings(partitions);
        Map<TopicPartition, Long> ends = reader.ends(partitions);
        Map<TopicPartition, Long> start = from.map(position -> resolve(position, partitions)).orElse(beginnings);
        Map<TopicPartition, Long> end = to.map(position -> resolve(position, partitions)).orElse(ends);
        Map<TopicPartition, Long> clampedStart = new HashMap<>();
        Map<TopicPartition, Long> clampedEnd = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long last = ends.get(partition);
            clampedEnd.put(partition, Math.min(end.get(partition), last));
            clampedStart.put(partition, Math.min(Math.max(start.get(partition), beginnings.get(partition)), last));
        }
        return new Range(clampedStart, clampedEnd);
    }

    /** Every event of the range, in offset order within each partition; those of other groups skipped. */
    long read(Range range, Optional<String> group, Consumer<LoggedEvent> sink) {
        long[] matched = {0};
        reader.read(Topics.EVENTS.name(), range.from(), range.to(), record -> {
            LoggedEvent event = LoggedEvent.of(record);
            if (group.isEmpty() || group.get().equals(event.key())) {
                sink.accept(event);
                matched[0]++;
            }
        });
        return matched[0];
    }

    /** The partition Kafka's default partitioner gives a record with this key. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private Map<TopicPartition, Long> resolve(Arguments.Position position, List<TopicPartition> partitions) {
        if (position instanceof Arguments.Position.Offset offset) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            partitions.forEach(partition -> offsets.put(partition, offset.offset()));
            return offsets;
        }
        Arguments.Position.Time time = (Arguments.Position.Time) position;
        // "at or before T" ends at the first record stamped after T, which Kafka finds as "at or after T + 1 ms"
        return reader.firstAtOrAfter(partitions, time.inclusive() ? time.time().plusMillis(1) : time.time());
    }
}
