package dev.chorus.topic;

import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/**
 * A topic with its key and value serdes and the settings it is created with.
 *
 * @param config topic-level settings (retention, cleanup policy)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> config) {

    public Topic {
        config = Map.copyOf(config);
    }
}
