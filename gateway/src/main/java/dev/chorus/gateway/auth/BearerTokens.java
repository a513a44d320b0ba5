package dev.chorus.gateway.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a handshake carries its token: an {@code Authorization: Bearer} header, or, because browsers cannot
 * set headers on a WebSocket, the {@code access_token} query parameter (RFC 6750, section 2.3).
 */
final class BearerTokens {

    static final String QUERY_PARAMETER = "access_token";
    private static final String BEARER_PREFIX = "Bearer ";

    private BearerTokens() {
    }

    /** The header wins when both are given. */
    static Optional<String> from(URI uri, HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return nonBlank(authorization.substring(BEARER_PREFIX.length()));
        }
        String encoded = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(QUERY_PARAMETER);
        return encoded == null ? Optional.empty() : nonBlank(UriUtils.decode(encoded, StandardCharsets.UTF_8));
    }

    private static Optional<String> nonBlank(String token) {
        String trimmed = token.trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }
}
