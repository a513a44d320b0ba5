package dev.chorus.gateway.media;

import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.auth.AuthenticatedUser;
import dev.chorus.gateway.auth.RequestAuthenticator;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * {@code POST /api/media}: the raw bytes as the body, their type as {@code Content-Type}. The body is read
 * here as a stream, never bound by Spring, so nothing buffers it whole.
 */
@RestController
class MediaUploadController {

    static final String PATH = "/api/media";

    private final MediaUploads uploads;
    private final RequestAuthenticator authenticator;
    private final String publicBaseUrl;

    MediaUploadController(MediaUploads uploads, RequestAuthenticator authenticator, GatewayProperties properties) {
        this.uploads = uploads;
        this.authenticator = authenticator;
        this.publicBaseUrl = properties.media().publicBaseUrl();
    }

    /** The answer to an upload: what a send needs ({@code mediaId}) and what a client may show at once. */
    record Uploaded(String mediaId, String url, String mimeType, long sizeBytes, Integer width, Integer height,
                    Long durationMs) {
    }

    record Refusal(String message) {
    }

    @PostMapping(PATH)
    ResponseEntity<?> upload(HttpServletRequest request) throws IOException {
        ServletServerHttpRequest http = new ServletServerHttpRequest(request);
        Optional<AuthenticatedUser> user = authenticator.authenticate(http.getURI(), http.getHeaders());
        if (user.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, RequestAuthenticator.CHALLENGE)
                    .body(new Refusal("a valid bearer token is required"));
        }
        if (request.getContentLengthLong() > uploads.maxBytes()) {
            // Refused before a byte is read: the declared length alone is over the limit.
            return tooLarge(uploads.maxBytes());
        }
        MediaUploads.Outcome outcome = uploads.upload(request.getInputStream(), request.getContentType(),
                user.get().userId(), baseUrl(request));
        if (outcome instanceof MediaUploads.Stored stored) {
            StoredMedia media = stored.media();
            return ResponseEntity.created(URI.create(media.url())).body(new Uploaded(media.mediaId(), media.url(),
                    media.mimeType(), media.sizeBytes(), media.width(), media.height(), media.durationMs()));
        }
        if (outcome instanceof MediaUploads.TooLarge tooLarge) {
            return tooLarge(tooLarge.maxBytes());
        }
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(new Refusal(((MediaUploads.Unsupported) outcome).reason() + "; accepted: images PNG, JPEG, "
                        + "GIF, WebP; audio Ogg/Opus, MP3, MP4/AAC, AAC, WebM, WAV"));
    }

    private static ResponseEntity<Refusal> tooLarge(long maxBytes) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(new Refusal("media may be at most " + maxBytes + " bytes"));
    }

    /** Without a configured public URL, the one this request came to is the one its sender can reach. */
    private String baseUrl(HttpServletRequest request) {
        return publicBaseUrl != null ? publicBaseUrl
                : ServletUriComponentsBuilder.fromContextPath(request).toUriString();
    }
}
