package dev.chorus.topic;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one form Chorus writes its times in, {@code Instant.toString()}'s ({@code
 * 2026-11-24T07:57:39.852484487Z}: UTC, a four-digit year, 0 to 9 fraction digits), by counting digits
 * instead of through {@code DateTimeFormatter}, which was 9 to 23 % of the processor's samples under load
 * (a group's member list has a time per member; docs/PERFORMANCE.md). Anything else, an offset, a
 * number, a leap second or a mistake, goes to Jackson's own reader, which accepts and refuses exactly
 * what it did before.
 */
final class IsoInstants extends StdScalarDeserializer<Instant> {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final int[] NANOS_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000,
            100, 10, 1};

    IsoInstants() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            Instant instant = parseCanonical(parser.getString());
            if (instant != null) {
                return instant;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /**
     * @return the instant {@code text} names in {@code Instant.toString()}'s form, or {@code null} when it is
     * in any other form (or is no date at all)
     */
    static Instant parseCanonical(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fractionDigits = length - 21;
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * NANOS_SCALE[fractionDigits];
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException notADay) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number in {@code count} ASCII digits from {@code from}, or -1 if any is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
