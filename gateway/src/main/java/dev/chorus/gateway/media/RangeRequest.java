package dev.chorus.gateway.media;

import java.util.Locale;

/**
 * What a {@code Range} header asks of a file of known size (RFC 9110, section 14). One range is served as
 * asked; a header the server may ignore (another unit, several ranges, bad syntax) asks for the whole file,
 * which is always a correct answer.
 */
sealed interface RangeRequest {

    String BYTES_UNIT = "bytes=";
    /** Every 18-digit number fits a long; no media file comes near it. */
    int MAX_DIGITS = 18;

    /** No usable range: {@code 200} with every byte. */
    record Whole() implements RangeRequest {
    }

    /** Bytes {@code first..last}, both included: {@code 206}. */
    record Part(long first, long last) implements RangeRequest {
        long length() {
            return last - first + 1;
        }

        String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    /** A range that starts past the end, or asks for no bytes of the tail: {@code 416}. */
    record Unsatisfiable() implements RangeRequest {
        static String contentRange(long size) {
            return "bytes */" + size;
        }
    }

    static RangeRequest parse(String header, long size) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BYTES_UNIT)) {
            return new Whole();
        }
        String spec = header.substring(BYTES_UNIT.length()).strip();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return new Whole();
        }
        Long first = number(spec.substring(0, dash).strip());
        Long last = number(spec.substring(dash + 1).strip());
        if (dash == 0) {
            return suffix(last, size);
        }
        if (first == null || (last == null && dash != spec.length() - 1) || (last != null && last < first)) {
            return new Whole();
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Part(first, last == null ? size - 1 : Math.min(last, size - 1));
    }

    /** {@code bytes=-n}: the last n bytes, or all of them when the file is shorter. */
    private static RangeRequest suffix(Long length, long size) {
        if (length == null) {
            return new Whole();
        }
        if (length == 0 || size == 0) {
            return new Unsatisfiable();
        }
        return new Part(Math.max(0, size - length), size - 1);
    }

    /** A non-negative decimal, or null for anything else (signs, spaces, letters, overflow, nothing). */
    private static Long number(String digits) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(digits);
    }
}
