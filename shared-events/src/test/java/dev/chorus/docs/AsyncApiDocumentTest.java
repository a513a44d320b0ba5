package dev.chorus.docs;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Audience;
import dev.chorus.event.CloudEvents;
import dev.chorus.event.EventTypes;
import dev.chorus.protocol.ClientEventType;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.topic.Topic;
import dev.chorus.topic.Topics;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml cannot drift from the types: every client and server event, every topic of
 * {@link Topics} and every domain event type is in it, and nothing else is.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static JsonNode api;

    @BeforeAll
    static void readTheDocument() {
        api = YAMLMapper.builder().build().readTree(DOCUMENT.toFile());
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(api.path("asyncapi").asString()).isEqualTo("3.0.0");
    }

    @Test
    void theWebSocketChannelCarriesEveryClientAndServerEventAndNothingElse() {
        JsonNode channel = channelAt("/ws");
        List<String> expected = Stream.concat(
                        Arrays.stream(ClientEventType.values()).map(ClientEventType::wireName),
                        Arrays.stream(ServerEventType.values()).map(ServerEventType::wireName))
                .toList();

        assertThat(messageNames(channel.path("messages"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void clientEventsAreWhatTheGatewayReceivesAndServerEventsWhatItSends() {
        assertThat(operationMessageNames("/ws", "receive")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ClientEventType.values()).map(ClientEventType::wireName).toList());
        assertThat(operationMessageNames("/ws", "send")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ServerEventType.values()).map(ServerEventType::wireName).toList());
    }

    @Test
    void eachWebSocketMessageNamesItsOwnTypeInItsPayload() {
        for (JsonNode message : messages(channelAt("/ws").path("messages"))) {
            JsonNode typeConst = resolve(message.path("payload")).at("/properties/type/const");
            if (!typeConst.isMissingNode()) {
                assertThat(typeConst.asString()).isEqualTo(message.path("name").asString());
            }
        }
    }

    @Test
    void theKafkaChannelsAreExactlyTheTopicsOfTheCatalogue() {
        List<String> addresses = kafkaChannels().stream().map(c -> c.path("address").asString()).toList();

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topic::name).toList());
        for (JsonNode channel : kafkaChannels()) {
            assertThat(channel.at("/bindings/kafka/topic").asString()).isEqualTo(channel.path("address").asString());
        }
    }

    @Test
    void eachTopicIsDescribedWithTheSettingsItIsCreatedWith() {
        for (Topic<?, ?> topic : Topics.all()) {
            JsonNode documented = channelAt(topic.name()).at("/bindings/kafka/topicConfiguration");
            for (Map.Entry<String, String> setting : topic.config().entrySet()) {
                JsonNode value = documented.path(setting.getKey());
                String text = value.isArray() ? String.join(",", value.values().stream().map(JsonNode::asString).toList())
                        : value.asString();
                assertThat(text).as(topic.name() + " " + setting.getKey()).isEqualTo(setting.getValue());
            }
        }
    }

    @Test
    void everyKafkaMessageDescribesItsKey() {
        for (JsonNode channel : kafkaChannels()) {
            for (JsonNode message : messages(channel.path("messages"))) {
                assertThat(message.at("/bindings/kafka/key").isObject())
                        .as("key of " + message.path("name").asString()).isTrue();
            }
        }
    }

    @Test
    void theAuditLogHasOneMessagePerEventTypeWhosePayloadIsItsJsonSchema() {
        List<JsonNode> events = messages(channelAt(Topics.EVENTS.name()).path("messages"));

        assertThat(events).extracting(m -> m.path("name").asString())
                .containsExactlyInAnyOrderElementsOf(EventTypes.all());
        for (JsonNode event : events) {
            String type = event.path("name").asString();
            String ref = event.at("/payload/schema/$ref").asString();
            assertThat(ref).endsWith("/" + EventTypes.schemaResource(type));
            assertThat(DOCUMENT.resolveSibling(ref)).as(ref).isRegularFile();
            assertThat(resolve(event.path("headers")).path("required").values().stream().map(JsonNode::asString))
                    .containsExactlyInAnyOrderElementsOf(CloudEvents.HEADERS);
        }
    }

    @Test
    void theCommandAndAudienceSchemasNameEveryTypeTheirRecordsCanHave() {
        assertThat(constants(api.at("/components/schemas/CommandBody/oneOf"), "type"))
                .containsExactlyInAnyOrderElementsOf(typeNames(CommandBody.class));
        assertThat(constants(api.at("/components/schemas/Audience/oneOf"), "kind"))
                .containsExactlyInAnyOrderElementsOf(typeNames(Audience.class));
    }

    @Test
    void everyLocalReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(api, refs);

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            if (ref.startsWith("#/")) {
                assertThat(api.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            } else {
                assertThat(DOCUMENT.resolveSibling(ref)).as(ref).isRegularFile();
            }
        });
    }

    private static JsonNode channelAt(String address) {
        return api.path("channels").values().stream()
                .filter(channel -> channel.path("address").asString().equals(address))
                .reduce((a, b) -> {
                    throw new AssertionError("two channels at " + address);
                })
                .orElseThrow(() -> new AssertionError("no channel at " + address));
    }

    private static List<JsonNode> kafkaChannels() {
        return api.path("channels").values().stream().filter(channel -> channel.at("/bindings/kafka").isObject())
                .toList();
    }

    private static List<String> operationMessageNames(String address, String action) {
        JsonNode channel = channelAt(address);
        List<String> names = new ArrayList<>();
        for (JsonNode operation : api.path("operations").values()) {
            if (resolve(operation.path("channel")) == channel && operation.path("action").asString().equals(action)) {
                operation.path("messages").values().forEach(m -> names.add(resolve(m).path("name").asString()));
            }
        }
        return names;
    }

    private static List<JsonNode> messages(JsonNode messagesByKey) {
        return messagesByKey.values().stream().map(AsyncApiDocumentTest::resolve).toList();
    }

    private static List<String> messageNames(JsonNode messagesByKey) {
        return messages(messagesByKey).stream().map(m -> m.path("name").asString()).toList();
    }

    /** Follows local {@code $ref}s to the node they name. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref") && current.path("$ref").asString().startsWith("#/")) {
            current = api.at(current.path("$ref").asString().substring(1));
            assertThat(current.isMissingNode()).as("reference " + node).isFalse();
        }
        return current;
    }

    private static List<String> constants(JsonNode alternatives, String property) {
        return alternatives.values().stream().map(a -> a.at("/properties/" + property + "/const").asString()).toList();
    }

    private static List<String> typeNames(Class<?> sealedType) {
        return Arrays.stream(sealedType.getAnnotation(JsonSubTypes.class).value())
                .map(t -> t.value().getAnnotation(JsonTypeName.class).value()).toList();
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref")) {
                    refs.add(entry.getValue().asString());
                } else {
                    collectRefs(entry.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.values().forEach(child -> collectRefs(child, refs));
        }
    }
}
