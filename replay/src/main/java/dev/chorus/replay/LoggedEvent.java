package dev.chorus.replay;

import dev.chorus.event.DomainEvent;
import dev.chorus.topic.Json;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One record of {@code chorus.events}, where it is in the log and what it says. */
record LoggedEvent(String topic, int partition, long offset, Instant timestamp, String key,
                   Map<String, String> headers, byte[] value) {

    static LoggedEvent of(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new LoggedEvent(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), headers, record.value());
    }

    /** The event, read as the processor's readers read it. */
    DomainEvent event() {
        try {
            return Topics.EVENTS.valueSerde().deserializer().deserialize(topic, value);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the record at " + where() + " is not a domain event: " + e.getMessage(), e);
        }
    }

    /** One line of an export: the position, the CloudEvents headers and the event's JSON as written. */
    ObjectNode toJson() {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("topic", topic);
        line.put("partition", partition);
        line.put("offset", offset);
        line.put("timestamp", timestamp.toString());
        line.put("key", key);
        ObjectNode headerNode = line.putObject("headers");
        headers.forEach(headerNode::put);
        JsonNode event;
        try {
            event = value == null ? Json.mapper().nullNode() : Json.mapper().readTree(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the record at " + where() + " is not JSON: " + e.getMessage(), e);
        }
        line.set("event", event);
        return line;
    }

    String where() {
        return topic + "-" + partition + "@" + offset;
    }
}
