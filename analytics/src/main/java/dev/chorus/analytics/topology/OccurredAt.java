package dev.chorus.analytics.topology;

import dev.chorus.event.DomainEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the event's own {@code occurredAt} (when the gateway accepted the command), not the
 * record's timestamp, which depends on the topic's {@code message.timestamp.type} and on whoever copied
 * the log last. A record that is no known event keeps its record timestamp; it is not counted anyway.
 */
final class OccurredAt implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof DomainEvent event && event.occurredAt() != null) {
            return event.occurredAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
