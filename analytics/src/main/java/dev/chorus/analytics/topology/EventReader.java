package dev.chorus.analytics.topology;

import dev.chorus.event.DomainEvent;
import dev.chorus.topic.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidTypeIdException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code chorus.events} as a reader of a log kept forever must: an event type newer than this job
 * (a new name, since a change of shape is a new type name) is no error but a fact it does not count, and
 * reads as {@code null}. Bytes that are not an event at all still throw, so that the dead-letter handler
 * keeps them with the reason.
 */
final class EventReader implements Deserializer<DomainEvent> {

    private static final Logger log = LoggerFactory.getLogger(EventReader.class);

    /** Each unknown type is said once, not once per record. */
    private final Set<String> unknownTypes = ConcurrentHashMap.newKeySet();

    @Override
    public DomainEvent deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(bytes, DomainEvent.class);
        } catch (InvalidTypeIdException e) {
            if (e.getTypeId() == null) {
                throw new SerializationException("an event on " + topic + " names no type", e);
            }
            if (unknownTypes.add(e.getTypeId())) {
                log.info("Skipping events of type {} on {}: newer than this job, not counted", e.getTypeId(), topic);
            }
            return null;
        } catch (JacksonException e) {
            throw new SerializationException("not a DomainEvent on " + topic, e);
        }
    }
}
