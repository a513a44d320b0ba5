package dev.chorus.gateway.media;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Media ids are the only thing guarding a media URL (browsers fetch images without a token), so they are
 * 128 random bits from a cryptographic source, written in URL-safe base64: 22 characters.
 */
final class MediaIds {

    static final int RANDOM_BYTES = 16;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether this could be an id we made; anything else (a path, a dot, a slash) is never looked up. */
    static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }
}
