package dev.chorus.processor.topology;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.chorus.event.CloudEvents;
import dev.chorus.event.EventTypes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event the real topology writes, driven through every kind of command, is valid against the JSON
 * Schema of its type (shared-events, {@code schemas/events/<type>.json}), byte for byte as written.
 */
class EventSchemaTopologyTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final Map<String, Schema> byType = new HashMap<>();
    private ChorusDriver chorus;

    @BeforeEach
    void startDriver() {
        chorus = new ChorusDriver();
    }

    @AfterEach
    void closeDriver() {
        chorus.close();
    }

    @Test
    void shouldWriteEveryTypeOfEventValidAgainstItsSchema() {
        EveryEvent.commands().forEach(chorus::send);

        List<TestRecord<String, byte[]>> events = chorus.rawEventRecords();

        assertThat(events).extracting(record -> CloudEvents.header(record.headers(), CloudEvents.TYPE))
                .containsAll(EventTypes.all());
        assertThat(events).allSatisfy(record -> {
            String type = CloudEvents.header(record.headers(), CloudEvents.TYPE);
            String json = new String(record.value(), StandardCharsets.UTF_8);
            List<Error> errors = schema(type).validate(json, InputFormat.JSON);
            assertThat(errors).as("%s against the schema of %s", json, type).isEmpty();
        });
    }

    private Schema schema(String type) {
        return byType.computeIfAbsent(type, t -> SCHEMAS.getSchema(
                SchemaLocation.of("classpath:" + EventTypes.schemaResource(t))));
    }
}
