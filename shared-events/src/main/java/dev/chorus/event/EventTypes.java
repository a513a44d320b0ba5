package dev.chorus.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

import java.util.Arrays;
import java.util.List;

/**
 * The versioned type names of the domain events ({@code chorus.message.posted.v1}, ...): the {@code type}
 * field of each event's JSON, its CloudEvents {@code ce_type}, and the name of its JSON Schema.
 */
public final class EventTypes {

    /** Where the events' JSON Schemas live on the class path, one file per type. */
    public static final String SCHEMA_FOLDER = "schemas/events";

    private EventTypes() {
    }

    public static String of(DomainEvent event) {
        return of(event.getClass());
    }

    public static String of(Class<? extends DomainEvent> eventClass) {
        JsonTypeName name = eventClass.getAnnotation(JsonTypeName.class);
        if (name == null) {
            throw new IllegalArgumentException(eventClass + " has no @JsonTypeName: it would have no stable name");
        }
        return name.value();
    }

    /** Every event class of the sealed hierarchy, in declaration order. */
    public static List<Class<? extends DomainEvent>> classes() {
        return Arrays.stream(DomainEvent.class.getPermittedSubclasses())
                .<Class<? extends DomainEvent>>map(c -> c.asSubclass(DomainEvent.class))
                .toList();
    }

    /** The class-path resource holding the JSON Schema (draft 2020-12) of the event type's JSON. */
    public static String schemaResource(String type) {
        return SCHEMA_FOLDER + "/" + type + ".json";
    }

    /** Every event type name, in declaration order. */
    public static List<String> all() {
        return classes().stream().map(EventTypes::of).toList();
    }
}
