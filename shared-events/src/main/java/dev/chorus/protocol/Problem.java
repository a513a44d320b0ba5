package dev.chorus.protocol;

/** Why a request was refused: the code and human-readable message of a {@code SYSTEM:ERROR}. */
public record Problem(ErrorCode code, String message) {

    public static Problem badRequest(String message) {
        return new Problem(ErrorCode.BAD_REQUEST, message);
    }
}
