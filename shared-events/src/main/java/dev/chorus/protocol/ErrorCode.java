package dev.chorus.protocol;

/** The codes of {@code SYSTEM:ERROR}, as PROTOCOL.md lists them. */
public enum ErrorCode {
    /** Not JSON, not an object, a field missing, of the wrong type or out of range. */
    BAD_REQUEST,
    UNKNOWN_TYPE,
    NOT_FOUND,
    NOT_MEMBER,
    FORBIDDEN,
    RATE_LIMITED,
    TOO_LARGE,
    /** The log cannot take writes now; the event was not accepted and may be retried. */
    UNAVAILABLE,
    INTERNAL
}
