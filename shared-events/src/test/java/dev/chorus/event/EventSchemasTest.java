package dev.chorus.event;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.chorus.protocol.Media;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.Sender;
import dev.chorus.topic.Json;
import dev.chorus.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas of the audit log: exactly one per event type, each a valid draft 2020-12 schema, strict
 * (closed objects, every field written is required), and the events Chorus writes pass them.
 */
class EventSchemasTest {

    private static final Instant T = Instant.parse("2026-11-24T10:15:30.123Z");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    static List<String> types() {
        return EventTypes.all();
    }

    static Stream<DomainEvent> events() {
        Member plain = new Member("bob", "Bob", null, Role.MEMBER, T);
        Member withAvatar = new Member("alice", "Alice", "https://img.example/a.png", Role.OWNER, T);
        Media image = new Media("https://media.example/x.png", "image/png", 120L, 640, 480, null);
        Media audio = new Media("https://media.example/v.ogg", "audio/ogg", null, null, null, 5200L);
        return Stream.of(
                new DomainEvent.GroupCreated("g1", "Friends", null, "alice", T),
                new DomainEvent.GroupCreated("g1", "Friends", "the description", "alice", T),
                new DomainEvent.MemberJoined("g1", plain, T),
                new DomainEvent.MemberJoined("g1", withAvatar, T),
                new DomainEvent.MemberLeft("g1", "bob", T),
                new DomainEvent.OwnershipTransferred("g1", "alice", "bob", T),
                new DomainEvent.GroupDeleted("g1", "alice", T),
                new DomainEvent.MessagePosted("g1", message(MessageKind.TEXT, "hello 👋", null, "c-1"), T),
                new DomainEvent.MessagePosted("g1", message(MessageKind.IMAGE, null, image, null), T),
                new DomainEvent.MessagePosted("g1", message(MessageKind.AUDIO, "listen", audio, "c-2"), T));
    }

    @Test
    void everyEventTypeHasExactlyOneSchemaAndEverySchemaIsOfAnEventType() {
        List<String> expected = EventTypes.all().stream().map(type -> type + ".json").toList();

        assertThat(schemaFiles()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("types")
    void eachSchemaIsAValidDraft2020SchemaOfItsOwnType(String type) {
        JsonNode schema = schemaJson(type);
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(metaSchema.validate(schema)).isEmpty();
        assertThat(schema.get("$schema").asString()).isEqualTo(SpecificationVersion.DRAFT_2020_12.getDialectId());
        assertThat(schema.at("/properties/type/const").asString()).isEqualTo(type);
    }

    /** Chorus writes every field, nulls included, and a change of shape is a new type: closed objects. */
    @ParameterizedTest
    @MethodSource("types")
    void eachSchemaClosesEveryObjectAndRequiresEveryFieldOfIt(String type) {
        List<JsonNode> objects = new ArrayList<>();
        collectObjectSchemas(schemaJson(type), objects);

        assertThat(objects).isNotEmpty().allSatisfy(object -> {
            assertThat(object.get("additionalProperties").asBoolean(true)).as("additionalProperties").isFalse();
            List<String> required = object.get("required").values().stream().map(JsonNode::asString).toList();
            assertThat(required).containsExactlyInAnyOrderElementsOf(object.get("properties").propertyNames());
        });
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventAsWrittenToTheLogPassesItsSchema(DomainEvent event) {
        byte[] json = Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event);

        assertThat(errors(EventTypes.of(event), Json.mapper().readTree(json))).isEmpty();
    }

    @Test
    void anUnknownFieldIsRefused() {
        ObjectNode json = toJson(new DomainEvent.MemberLeft("g1", "bob", T));
        json.put("reason", "bored");

        assertThat(errors("chorus.member.left.v1", json)).extracting(Error::getKeyword)
                .containsExactly("additionalProperties");
    }

    @Test
    void aMissingFieldIsRefusedEvenWhenItCouldBeNull() {
        ObjectNode json = toJson(new DomainEvent.GroupCreated("g1", "Friends", null, "alice", T));
        json.remove("description");

        assertThat(errors("chorus.group.created.v1", json)).extracting(Error::getKeyword).containsExactly("required");
    }

    @Test
    void aMediaMessageWithoutMediaIsRefused() {
        var event = new DomainEvent.MessagePosted("g1", message(MessageKind.GIF, "caption", null, null), T);

        assertThat(errors("chorus.message.posted.v1", toJson(event))).isNotEmpty();
    }

    @Test
    void aTextMessageWithoutTextIsRefused() {
        var event = new DomainEvent.MessagePosted("g1", message(MessageKind.TEXT, null, null, null), T);

        assertThat(errors("chorus.message.posted.v1", toJson(event))).isNotEmpty();
    }

    @Test
    void aTimeThatIsNotRfc3339IsRefused() {
        ObjectNode json = toJson(new DomainEvent.GroupDeleted("g1", "alice", T));
        json.put("occurredAt", "yesterday");

        assertThat(errors("chorus.group.deleted.v1", json)).extracting(Error::getKeyword).containsExactly("format");
    }

    private static Message message(MessageKind kind, String text, Media media, String clientMessageId) {
        return new Message("cmd-9", "g1", 3, kind, new Sender("alice", "Alice"), text, media, clientMessageId, T);
    }

    private static ObjectNode toJson(DomainEvent event) {
        return (ObjectNode) Json.mapper().readTree(
                Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event));
    }

    private static List<Error> errors(String type, JsonNode json) {
        return REGISTRY.getSchema(schemaJson(type)).validate(json);
    }

    /** Object schemas only: the partial schemas of if/then/else say no type and are left out. */
    private static void collectObjectSchemas(JsonNode node, List<JsonNode> objects) {
        if (node.isObject()) {
            if ("object".equals(node.path("type").asString(""))) {
                objects.add(node);
            }
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                if (!List.of("if", "then", "else").contains(child.getKey())) {
                    collectObjectSchemas(child.getValue(), objects);
                }
            }
        } else if (node.isArray()) {
            node.values().forEach(child -> collectObjectSchemas(child, objects));
        }
    }

    static JsonNode schemaJson(String type) {
        try (InputStream in = EventSchemasTest.class.getClassLoader()
                .getResourceAsStream(EventTypes.schemaResource(type))) {
            assertThat(in).as("schema of " + type).isNotNull();
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> schemaFiles() {
        URL folder = EventSchemasTest.class.getClassLoader().getResource(EventTypes.SCHEMA_FOLDER);
        assertThat(folder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
