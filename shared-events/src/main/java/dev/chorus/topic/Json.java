package dev.chorus.topic;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.time.Instant;

/**
 * The one JSON configuration of Chorus, for Kafka records and WebSocket frames alike: unknown fields are
 * ignored (so old readers keep working), times are ISO-8601 strings (read by {@link IsoInstants}), and
 * records are built through a handle made once per type ({@link RecordCreators}).
 */
public final class Json {

    private static final JsonMapper MAPPER = withoutRecordCreators().addModule(new RecordCreators()).build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** The configuration but for {@link RecordCreators}: what {@code RecordCreatorsTest} compares it with. */
    static JsonMapper.Builder withoutRecordCreators() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addModule(new SimpleModule("chorus-instants").addDeserializer(Instant.class, new IsoInstants()));
    }

    /**
     * Reads a time from a string as the mapper reads one: {@code Instant.toString()}'s form, the one Chorus
     * writes, without {@code DateTimeFormatter}; any other through {@link Instant#parse}.
     *
     * @throws java.time.format.DateTimeParseException as {@link Instant#parse} does
     */
    public static Instant instant(String text) {
        Instant canonical = IsoInstants.parseCanonical(text);
        return canonical != null ? canonical : Instant.parse(text);
    }
}
