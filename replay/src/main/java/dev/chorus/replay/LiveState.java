package dev.chorus.replay;

import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.topology.ChorusTopology;
import dev.chorus.processor.user.UserState;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Message;
import dev.chorus.topic.JsonSerde;
import dev.chorus.topic.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The processor's live state, read from where Kafka keeps it: the changelog topic of each of its stores
 * ({@code <application id>-<store>-changelog}, compacted, written in the same exactly-once transactions as
 * the events) and {@code chorus.group-directory}. The last value of each key wins; a null value deletes it.
 * The store values are the processor's own serdes, so they are read with them.
 */
final class LiveState {

    record Tables(SortedMap<String, GroupState> groups, SortedMap<String, Long> seqs,
                  SortedMap<String, Message> messages, SortedMap<String, Long> dedup,
                  SortedMap<String, UserState> users, SortedMap<String, Group> directory) {
    }

    private final String applicationId;

    LiveState(String applicationId) {
        this.applicationId = applicationId;
    }

    /** Kafka Streams' name for a store's changelog topic. */
    String changelog(String store) {
        return applicationId + "-" + store + "-changelog";
    }

    /** Every topic the live state is read from. */
    List<String> topics() {
        return List.of(changelog(ChorusTopology.GROUPS_STORE), changelog(ChorusTopology.SEQ_STORE),
                changelog(ChorusTopology.MESSAGES_STORE), changelog(ChorusTopology.DEDUP_STORE),
                changelog(ChorusTopology.USER_GROUPS_STORE), Topics.GROUP_DIRECTORY.name());
    }

    List<TopicPartition> partitions(LogReader reader) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics()) {
            try {
                partitions.addAll(reader.partitions(topic));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + ": is --application-id=" + applicationId
                        + " the processor's, and has it run?", e);
            }
        }
        return partitions;
    }

    /** Each table as it is at {@code ends}, the end offsets of {@link #partitions}. */
    Tables read(LogReader reader, Map<TopicPartition, Long> ends) {
        return new Tables(
                table(reader, changelog(ChorusTopology.GROUPS_STORE), new JsonSerde<>(GroupState.class).deserializer(), ends),
                table(reader, changelog(ChorusTopology.SEQ_STORE), Serdes.Long().deserializer(), ends),
                table(reader, changelog(ChorusTopology.MESSAGES_STORE), new JsonSerde<>(Message.class).deserializer(), ends),
                table(reader, changelog(ChorusTopology.DEDUP_STORE), Serdes.Long().deserializer(), ends),
                table(reader, changelog(ChorusTopology.USER_GROUPS_STORE), new JsonSerde<>(UserState.class).deserializer(), ends),
                table(reader, Topics.GROUP_DIRECTORY.name(), Topics.GROUP_DIRECTORY.valueSerde().deserializer(), ends));
    }

    private static <V> SortedMap<String, V> table(LogReader reader, String topic, Deserializer<V> values,
                                                  Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> to = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        ends.forEach((partition, end) -> {
            if (partition.topic().equals(topic)) {
                to.put(partition, end);
            }
        });
        SortedMap<String, V> table = new TreeMap<>();
        reader.read(topic, reader.beginnings(to.keySet()), to, record -> {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            V value = values.deserialize(topic, record.value());
            if (value == null) {
                table.remove(key);
            } else {
                table.put(key, value);
            }
            return true;
        });
        return table;
    }
}
