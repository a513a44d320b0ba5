package dev.chorus.replay;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads bounded ranges of topics with one consumer that is in no consumer group (nothing is committed,
 * nobody's offsets move) and reads committed records only: an aborted transaction of the processor's
 * never shows, and the end of a partition is its last stable offset.
 */
final class LogReader implements AutoCloseable {

    interface RecordHandler {
        /** @return {@code false} to end this record's partition before it: the record is not read */
        boolean accept(ConsumerRecord<byte[], byte[]> record);
    }

    private static final Duration POLL = Duration.ofMillis(200);
    /** A read that gets nothing for this long although records are due has lost its cluster. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final Consumer<byte[], byte[]> consumer;
    private final Progress progress;

    LogReader(String bootstrapServers, Progress progress) {
        this(new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "chorus-replay",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()), progress);
    }

    LogReader(Consumer<byte[], byte[]> consumer, Progress progress) {
        this.consumer = consumer;
        this.progress = progress;
    }

    /** Every partition of the topic, in order; a topic that does not exist is an error. */
    List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("no topic " + topic + " on the cluster");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    Map<TopicPartition, Long> beginnings(Collection<TopicPartition> partitions) {
        return consumer.beginningOffsets(partitions);
    }

    /** The last stable offsets: everything before them is committed or aborted, nothing is pending. */
    Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
        return consumer.endOffsets(partitions);
    }

    /** The first offset stamped at or after {@code time} in each partition; its end where there is none. */
    Map<TopicPartition, Long> firstAtOrAfter(Collection<TopicPartition> partitions, Instant time) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = ends(partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = found.get(partition);
            offsets.put(partition, at == null ? ends.get(partition) : at.offset());
        }
        return offsets;
    }

    /**
     * Hands every committed record from {@code from} (inclusive) to {@code to} (exclusive) of each partition
     * to the handler, partition by partition in offset order, until the handler ends a partition early, and
     * reports progress as {@code what}.
     *
     * @return where each partition's read ended (exclusive): {@code to}, or the record the handler stopped at
     */
    Map<TopicPartition, Long> read(String what, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to,
                                   RecordHandler handler) {
        Map<TopicPartition, Long> ended = new HashMap<>(to);
        Set<TopicPartition> pending = new HashSet<>();
        long total = 0;
        for (Map.Entry<TopicPartition, Long> start : from.entrySet()) {
            long end = to.get(start.getKey());
            if (start.getValue() < end) {
                pending.add(start.getKey());
                total += end - start.getValue();
            } else {
                ended.put(start.getKey(), start.getValue());
            }
        }
        progress.start(what, total);
        consumer.assign(pending);
        pending.forEach(partition -> consumer.seek(partition, from.get(partition)));
        long lastRecordAt = System.nanoTime();
        while (!pending.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            long handled = 0;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (!pending.contains(partition) || record.offset() >= to.get(partition)) {
                    continue;
                }
                if (!handler.accept(record)) {
                    ended.put(partition, record.offset());
                    done(pending, partition);
                    continue;
                }
                handled++;
            }
            progress.advance(handled);
            if (!records.isEmpty()) {
                lastRecordAt = System.nanoTime();
            }
            // positions pass transaction markers too, so a partition is done when its position reaches the end
            for (TopicPartition partition : List.copyOf(pending)) {
                if (consumer.position(partition) >= to.get(partition)) {
                    done(pending, partition);
                }
            }
            if (System.nanoTime() - lastRecordAt > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("no record of " + pending + " for " + STALL_LIMIT.toSeconds()
                        + " s, though some are due: is the cluster reachable?");
            }
        }
        progress.done();
        return ended;
    }

    private void done(Set<TopicPartition> pending, TopicPartition partition) {
        pending.remove(partition);
        consumer.pause(List.of(partition));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
