package dev.chorus.processor;

import dev.chorus.processor.topology.ChorusTopology;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The processor runs with no YAML at all: every setting has its default in the records. */
class SettingsBindingTest {

    private static <T> T bind(Map<String, String> properties, String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
    }

    @Test
    void kafkaSettingsDefaultToALocalBrokerSixPartitionsAndTheBrokersReplication() {
        KafkaSettings kafka = bind(Map.of(), "chorus.kafka", KafkaSettings.class);

        assertThat(kafka).isEqualTo(new KafkaSettings("localhost:9092", 6, (short) -1));
    }

    @Test
    void processorPropertiesHaveDefaults() {
        ProcessorProperties processor = bind(Map.of(), "chorus.processor", ProcessorProperties.class);

        assertThat(processor.applicationId()).isEqualTo("chorus-processor");
        assertThat(processor.stateDir())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "chorus-streams").toString());
        assertThat(processor.commitInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(processor.numStandbyReplicas()).isOne();
        assertThat(processor.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(processor.maxThreadReplacements()).isEqualTo(3);
        assertThat(processor.maxTextChars()).isEqualTo(4_000);
        assertThat(processor.closeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(processor.groupCacheMembers()).isEqualTo(ChorusTopology.Settings.DEFAULT_GROUP_CACHE_MEMBERS);
    }

    @Test
    void aNegativeGroupCacheIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("chorus.processor.group-cache-members", "-1"), "chorus.processor",
                ProcessorProperties.class))
                .hasRootCauseMessage("chorus.processor.group-cache-members cannot be negative");
    }

    @Test
    void propertiesBindByTheirKebabCaseNames() {
        ProcessorProperties processor = bind(Map.of(
                "chorus.processor.application-id", "chorus-eu",
                "chorus.processor.state-dir", "/data/streams",
                "chorus.processor.commit-interval", "250ms",
                "chorus.processor.num-standby-replicas", "2",
                "chorus.processor.max-text-chars", "500",
                "chorus.processor.close-timeout", "5s",
                "chorus.processor.session-timeout", "6s",
                "chorus.processor.max-thread-replacements", "0",
                "chorus.processor.group-cache-members", "0"), "chorus.processor", ProcessorProperties.class);
        KafkaSettings kafka = bind(Map.of(
                "chorus.kafka.bootstrap-servers", "kafka:9092",
                "chorus.kafka.topic-partitions", "12",
                "chorus.kafka.replication-factor", "3"), "chorus.kafka", KafkaSettings.class);

        assertThat(processor).isEqualTo(new ProcessorProperties("chorus-eu", "/data/streams", Duration.ofMillis(250),
                2, 500, Duration.ofSeconds(5), Duration.ofSeconds(6), 0, "exactly_once_v2", Duration.ofMillis(5), 1, 0));
        assertThat(kafka).isEqualTo(new KafkaSettings("kafka:9092", 12, (short) 3));
    }
}
