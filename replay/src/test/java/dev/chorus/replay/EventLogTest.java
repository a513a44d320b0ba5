package dev.chorus.replay;

import dev.chorus.event.DomainEvent;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading ranges of chorus.events, on a mock consumer: which records a range holds. */
class EventLogTest {

    private static final String TOPIC = Topics.EVENTS.name();
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final EventLog log = new EventLog(new LogReader(consumer,
            new Progress(new PrintStream(OutputStream.nullOutputStream()), false)));

    /** Partition 0: offsets 0..3 stamped T0+1s, +3s, +2s (a gateway with a slower clock), +4s; partition 1: +1s, +5s. */
    private void givenALogWhoseTimestampsGoBackAndForth() {
        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        consumer.updateBeginningOffsets(Map.of(tp(0), 0L, tp(1), 0L));
        consumer.updateEndOffsets(Map.of(tp(0), 4L, tp(1), 2L));
        consumer.schedulePollTask(() -> {
            add(0, 0, "g-a", 1);
            add(0, 1, "g-a", 3);
            add(0, 2, "g-c", 2);
            add(0, 3, "g-a", 4);
            add(1, 0, "g-b", 1);
            add(1, 1, "g-b", 5);
        });
    }

    @Test
    void asOfATimeEachPartitionEndsAtItsFirstEventStampedAfterIt() {
        givenALogWhoseTimestampsGoBackAndForth();
        var range = log.range(Optional.empty(), Optional.empty(),
                Optional.of(new Arguments.Position.Time(T0.plusMillis(2500), true)));
        List<Long> read = new ArrayList<>();

        EventLog.Read result = log.read(range, Optional.empty(), event -> read.add(event.partition() * 100L + event.offset()));

        // the event at offset 2 is stamped before the time, but comes after one stamped after it: a history
        // is a prefix of the log, never a selection from it
        assertThat(read).containsExactlyInAnyOrder(0L, 100L);
        assertThat(result.ends()).containsExactlyInAnyOrderEntriesOf(Map.of(TOPIC + "-0", 1L, TOPIC + "-1", 1L));
    }

    @Test
    void anOffsetRangeIsFromInclusiveToExclusiveInEachPartition() {
        givenALogWhoseTimestampsGoBackAndForth();
        var range = log.range(Optional.empty(), Optional.of(new Arguments.Position.Offset(1)),
                Optional.of(new Arguments.Position.Offset(3)));
        List<Long> read = new ArrayList<>();

        log.read(range, Optional.empty(), event -> read.add(event.partition() * 100L + event.offset()));

        assertThat(read).containsExactlyInAnyOrder(1L, 2L, 101L);
    }

    @Test
    void aGroupIsReadFromItsOwnPartitionAndNoOtherGroupShows() {
        givenALogWhoseTimestampsGoBackAndForth();
        String group = EventLog.partitionOf("g-a", 2) == 0 ? "g-a" : "g-b";
        var range = log.range(Optional.of(group), Optional.empty(), Optional.empty());
        List<String> keys = new ArrayList<>();

        EventLog.Read result = log.read(range, Optional.of(group), event -> keys.add(event.key()));

        assertThat(range.from()).containsOnlyKeys(tp(EventLog.partitionOf(group, 2)));
        assertThat(keys).isNotEmpty().containsOnly(group);
        assertThat(result.events()).isEqualTo(keys.size());
    }

    /** Only what the reader asked for reaches it, as from a broker. */
    private void add(int partition, long offset, String key, int seconds) {
        if (!consumer.assignment().contains(tp(partition))) {
            return;
        }
        byte[] value = Topics.EVENTS.valueSerde().serializer().serialize(TOPIC,
                new DomainEvent.MemberLeft(key, "bob", T0.plusSeconds(seconds)));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, partition, offset, T0.plusSeconds(seconds).toEpochMilli(),
                TimestampType.CREATE_TIME, 0, value.length, key.getBytes(StandardCharsets.UTF_8), value,
                new RecordHeaders(), Optional.empty()));
    }

    private static PartitionInfo partition(int partition) {
        return new PartitionInfo(TOPIC, partition, null, null, null);
    }

    private static TopicPartition tp(int partition) {
        return new TopicPartition(TOPIC, partition);
    }
}
