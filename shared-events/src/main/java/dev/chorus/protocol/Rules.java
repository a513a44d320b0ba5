package dev.chorus.protocol;

import java.util.Optional;

/**
 * The field rules of PROTOCOL.md, shared so that the gateway can refuse bad input before it reaches
 * Kafka and the processor can refuse it again without trusting the gateway.
 */
public final class Rules {

    public static final int MAX_GROUP_NAME_CHARS = 100;
    public static final int MAX_DESCRIPTION_CHARS = 1_000;
    public static final int MAX_ID_CHARS = 128;
    public static final int MIN_PAGE = 1;
    public static final int MAX_PAGE = 200;
    public static final int DEFAULT_PAGE = 50;
    public static final int INIT_DATA_PAGE = 50;
    public static final int DEFAULT_MAX_TEXT_CHARS = 4_000;

    private Rules() {
    }

    /** Characters as a person counts them: code points, so an emoji is one. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * Whether the string is well-formed UTF-16: no surrogate without its pair. A JSON backslash-u escape
     * can smuggle one in; it cannot be encoded as UTF-8, so a frame carrying it could never be sent to anyone.
     */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static Optional<Problem> groupName(String name) {
        if (name == null || name.isBlank()) {
            return bad("name must be a non-blank string");
        }
        if (!wellFormed(name)) {
            return malformed("name");
        }
        if (length(name) > MAX_GROUP_NAME_CHARS) {
            return bad("name must be at most " + MAX_GROUP_NAME_CHARS + " characters");
        }
        return Optional.empty();
    }

    public static Optional<Problem> description(String description) {
        if (description != null && length(description) > MAX_DESCRIPTION_CHARS) {
            return bad("description must be at most " + MAX_DESCRIPTION_CHARS + " characters");
        }
        if (description != null && !wellFormed(description)) {
            return malformed("description");
        }
        return Optional.empty();
    }

    /** Ids chosen by the server or the client: non-blank and short. */
    public static Optional<Problem> id(String field, String value) {
        if (value == null || value.isBlank()) {
            return bad(field + " must be a non-blank string");
        }
        if (length(value) > MAX_ID_CHARS) {
            return bad(field + " must be at most " + MAX_ID_CHARS + " characters");
        }
        if (!wellFormed(value)) {
            return malformed(field);
        }
        return Optional.empty();
    }

    public static Optional<Problem> optionalId(String field, String value) {
        return value == null ? Optional.empty() : id(field, value);
    }

    public static Optional<Problem> text(String text, int maxChars) {
        if (text == null || text.isBlank()) {
            return bad("text must be a non-blank string");
        }
        return caption(text, maxChars);
    }

    public static Optional<Problem> caption(String caption, int maxChars) {
        if (caption != null && length(caption) > maxChars) {
            return Optional.of(new Problem(ErrorCode.TOO_LARGE, "text must be at most " + maxChars + " characters"));
        }
        if (caption != null && !wellFormed(caption)) {
            return malformed("text");
        }
        return Optional.empty();
    }

    public static Optional<Problem> page(Integer limit, Long beforeSeq, Long afterSeq) {
        if (limit != null && (limit < MIN_PAGE || limit > MAX_PAGE)) {
            return bad("limit must be between " + MIN_PAGE + " and " + MAX_PAGE);
        }
        if (beforeSeq != null && afterSeq != null) {
            return bad("give beforeSeq or afterSeq, not both");
        }
        if (beforeSeq != null && beforeSeq < 1) {
            return bad("beforeSeq must be at least 1");
        }
        if (afterSeq != null && afterSeq < 0) {
            return bad("afterSeq must be at least 0");
        }
        return Optional.empty();
    }

    /** The first problem of several checks, in order. */
    @SafeVarargs
    public static Optional<Problem> first(Optional<Problem>... checks) {
        for (Optional<Problem> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> malformed(String field) {
        return bad(field + " must be valid Unicode: it holds a lone surrogate");
    }

    private static Optional<Problem> bad(String message) {
        return Optional.of(Problem.badRequest(message));
    }
}
