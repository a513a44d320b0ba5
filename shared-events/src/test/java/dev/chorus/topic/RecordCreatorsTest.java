package dev.chorus.topic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Records read through {@link RecordCreators} come out, or fail, exactly as Jackson alone reads them. */
class RecordCreatorsTest {

    /** {@link Json#mapper()} but for the record creators. */
    private static final JsonMapper JACKSON_ALONE = Json.withoutRecordCreators().build();

    public record Traced(String name, long count, List<String> callers) {
        public Traced {
            callers = StackWalker.getInstance().walk(frames -> frames.limit(12)
                    .map(frame -> frame.getClassName() + "." + frame.getMethodName()).toList());
        }
    }

    public record Checked(String name) {
        public Checked {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a name is required");
            }
        }
    }

    private record Hidden(String name, int size) {
    }

    public record Tagged(String name, String... tags) {
    }

    @Test
    void aRecordIsBuiltThroughTheHandleMadeForItsType() {
        Traced traced = Json.mapper().readValue("{\"name\":\"a\",\"count\":2}", Traced.class);

        assertThat(traced.callers())
                .anyMatch(caller -> caller.startsWith(RecordCreators.SpreadingInstantiator.class.getName()))
                .noneMatch(caller -> caller.endsWith("invokeWithArguments"));
        assertThat(JACKSON_ALONE.readValue("{\"name\":\"a\",\"count\":2}", Traced.class).callers())
                .anyMatch(caller -> caller.endsWith("invokeWithArguments"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dev.chorus.command.Command | {\"commandId\":\"c1\","
                    + "\"actor\":{\"userId\":\"alice\",\"displayName\":\"Alice\"},"
                    + "\"replyTo\":{\"gatewayId\":\"gw\",\"connectionId\":\"k\"},"
                    + "\"issuedAt\":\"2026-12-07T05:20:11.123456Z\","
                    + "\"body\":{\"type\":\"message.post.v1\",\"groupId\":\"g1\",\"kind\":\"text\",\"text\":\"hi\","
                    + "\"clientMessageId\":\"m1\",\"later\":1}}",
            "dev.chorus.delivery.Delivery | {\"audience\":{\"kind\":\"users\",\"userIds\":[\"a\",\"b\"]},"
                    + "\"frame\":{\"type\":\"CHAT:RETURN_MESSAGE\",\"data\":{\"seq\":3}}}",
            "dev.chorus.delivery.Delivery | {\"audience\":{\"kind\":\"everyone\"},\"frame\":{\"type\":\"X\"}}",
            "dev.chorus.protocol.Message | {\"id\":\"m\",\"groupId\":\"g\",\"seq\":4,\"kind\":\"text\","
                    + "\"sender\":{\"userId\":\"alice\"},\"sentAt\":\"2026-12-07T05:20:11Z\"}",
            "dev.chorus.protocol.Message | {\"id\":\"m\",\"groupId\":\"g\",\"seq\":null,\"kind\":\"text\"}",
            "dev.chorus.protocol.Message | {\"kind\":\"video\"}",
            "dev.chorus.protocol.Message | {}",
    })
    void readsWhatJacksonAloneReads(Class<?> type, String json) {
        assertThat(outcome(Json.mapper(), json, type)).isEqualTo(outcome(JACKSON_ALONE, json, type));
    }

    /** The value read, or how reading it failed. */
    private static Object outcome(JsonMapper mapper, String json, Class<?> type) {
        try {
            return mapper.readValue(json, type);
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Test
    void aConstructorsRefusalFailsAsItDoesUnderJacksonAlone() {
        Throwable ours = catchThrowable(() -> Json.mapper().readValue("{\"name\":\" \"}", Checked.class));
        Throwable jacksons = catchThrowable(() -> JACKSON_ALONE.readValue("{\"name\":\" \"}", Checked.class));

        assertThat(ours).isNotNull().hasSameClassAs(jacksons).hasMessage(jacksons.getMessage())
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("a name is required");
    }

    @Test
    void aVarargsParameterGetsTheArrayItWasRead() {
        Tagged tagged = Json.mapper().readValue("{\"name\":\"a\",\"tags\":[\"x\",\"y\"]}", Tagged.class);

        assertThat(tagged.tags()).containsExactly("x", "y");
        assertThat(tagged.name()).isEqualTo("a");
    }

    @Test
    void aTypeThatIsNotPublicIsStillRead() {
        assertThat(Json.mapper().readValue("{\"name\":\"a\",\"size\":3}", Hidden.class))
                .isEqualTo(new Hidden("a", 3));
    }
}
