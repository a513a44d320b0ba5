package dev.chorus.processor.topology;

import dev.chorus.protocol.Rules;
import dev.chorus.topic.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the processor's settings assume of the topology: each task reads a single input partition, so a task
 * never has another partition to wait for ({@code max.task.idle.ms} is off) and records are decided in the
 * order they were written to it.
 */
class ChorusTopologyShapeTest {

    @Test
    void everySubTopologyReadsOneTopic() {
        StreamsBuilder builder = new StreamsBuilder();
        ChorusTopology.build(builder, new ChorusTopology.Settings(Rules.DEFAULT_MAX_TEXT_CHARS));
        TopologyDescription description = builder.build().describe();

        List<Set<String>> sources = description.subtopologies().stream()
                .map(sub -> sub.nodes().stream()
                        .filter(TopologyDescription.Source.class::isInstance)
                        .map(TopologyDescription.Source.class::cast)
                        .flatMap(source -> source.topicSet().stream())
                        .collect(Collectors.toSet()))
                .toList();

        assertThat(sources).hasSize(2).allSatisfy(topics -> assertThat(topics).hasSize(1));
        assertThat(sources).anySatisfy(topics -> assertThat(topics).containsExactly(Topics.COMMANDS.name()));
    }
}
