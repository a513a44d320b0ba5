package dev.chorus.topic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoInstantsTest {

    /** Jackson without Chorus's reader: what every time read as before. */
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    @Test
    void shouldReadEveryInstantAsWrittenExactlyAsJavaDoes() {
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1), nanos);

            assertThat(IsoInstants.parseCanonical(instant.toString())).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z", "2026-11-24T07:57:39.8Z",
            "2026-11-24T07:57:39.85248Z", "0999-12-31T00:00:00Z", "9999-12-31T23:59:59.000000001Z"})
    void shouldReadUtcWithAnyNumberOfFractionDigits(String text) {
        assertThat(IsoInstants.parseCanonical(text)).isEqualTo(Instant.parse(text));
        assertThat(Json.mapper().readValue(quoted(text), Instant.class)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T08:57:39+01:00", "2026-11-24T07:57:39.852+00:00", "2026-11-24t07:57:39z",
            "+10000-01-01T00:00:00Z", "2026-11-24T07:57:39.Z", "2026-11-24T07:57:39.1234567890Z",
            "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T07:60:00Z",
            "2026-11-24T07:57:60Z", "2026-1a-24T07:57:39Z", "2026-11-24 07:57:39Z", "2026-11-24T07:57:39",
            "", "yesterday"})
    void shouldLeaveEveryOtherFormToJackson(String text) {
        assertThat(IsoInstants.parseCanonical(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T08:57:39+01:00", "2026-11-24T07:57:39.852+00:00", "2026-11-24t07:57:39z",
            "+10000-01-01T00:00:00Z"})
    void shouldReadOtherFormsAsJacksonAlwaysDid(String text) {
        assertThat(Json.mapper().readValue(quoted(text), Instant.class))
                .isEqualTo(PLAIN.readValue(quoted(text), Instant.class))
                .isEqualTo(OffsetDateTime.parse(text.toUpperCase()).toInstant());
    }

    @Test
    void shouldReadTheEndOfADayAsJacksonAlwaysDid() {
        assertThat(Json.mapper().readValue(quoted("2026-11-24T24:00:00Z"), Instant.class))
                .isEqualTo(PLAIN.readValue(quoted("2026-11-24T24:00:00Z"), Instant.class))
                .isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    }

    @Test
    void shouldReadNumbersAsJacksonAlwaysDid() {
        assertThat(Json.mapper().readValue("1764000000.5", Instant.class))
                .isEqualTo(PLAIN.readValue("1764000000.5", Instant.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-11-24T07:60:00Z", "yesterday"})
    void shouldRefuseWhatJacksonRefused(String text) {
        assertThatThrownBy(() -> PLAIN.readValue(quoted(text), Instant.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> Json.mapper().readValue(quoted(text), Instant.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void shouldReadInstantsInsideRecordsToo() {
        record Stamped(String id, Instant at) {
        }
        Instant at = Instant.parse("2026-11-24T07:57:39.852484487Z");

        String json = Json.mapper().writeValueAsString(new Stamped("x", at));

        assertThat(json).contains("\"2026-11-24T07:57:39.852484487Z\"");
        assertThat(Json.mapper().readValue(json, Stamped.class)).isEqualTo(new Stamped("x", at));
    }

    @Test
    void shouldReadAStringAsInstantParseDoesAndRefuseWhatItRefuses() {
        for (String text : new String[]{"2026-11-24T07:57:39.852484487Z", "2026-11-24T07:57:39Z",
                "2026-11-24T08:57:39.5+01:00"}) {
            assertThat(Json.instant(text)).isEqualTo(Instant.parse(text));
        }
        for (String text : new String[]{"2026-02-30T00:00:00Z", "2026-11-24T07:60:00Z", "yesterday"}) {
            assertThatThrownBy(() -> Json.instant(text)).isInstanceOf(java.time.format.DateTimeParseException.class);
        }
    }
}
