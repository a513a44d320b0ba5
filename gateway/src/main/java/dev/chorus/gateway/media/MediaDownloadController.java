package dev.chorus.gateway.media;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/**
 * {@code GET /media/{id}}: the bytes of an upload, to anyone holding its URL. Browsers load images and audio
 * without a token, so the unguessable id is the capability; what is served is only ever one of the sniffed
 * media types, declared exactly, and never sniffed again by the browser.
 */
@RestController
class MediaDownloadController {

    /** An id's bytes never change, so a copy may be kept for a year (the longest HTTP/1.1 suggests). */
    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    static final String NO_STORE = "no-store";
    static final String NOSNIFF = "nosniff";
    static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    /** Should a browser open the URL as a page, it may run nothing and load nothing. */
    static final String SANDBOX = "sandbox; default-src 'none'";
    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    private static final String BYTES = "bytes";
    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final MediaStore store;

    MediaDownloadController(MediaStore store) {
        this.store = store;
    }

    @GetMapping(MediaUploads.PATH + "{mediaId}")
    void serve(@PathVariable String mediaId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
        Optional<StoredMedia> found = store.find(mediaId);
        if (found.isEmpty()) {
            // Not cached: on a shared volume another gateway's upload may only just be arriving.
            response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        StoredMedia media = found.get();
        String etag = "\"" + media.mediaId() + "\"";
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, BYTES);
        response.setHeader(CONTENT_SECURITY_POLICY, SANDBOX);
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        RangeRequest range = ifRange == null || ifRange.equals(etag)
                ? RangeRequest.parse(request.getHeader(HttpHeaders.RANGE), media.sizeBytes())
                : new RangeRequest.Whole();
        if (range instanceof RangeRequest.Unsatisfiable) {
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setHeader(HttpHeaders.CONTENT_RANGE, RangeRequest.Unsatisfiable.contentRange(media.sizeBytes()));
            return;
        }
        long first = 0;
        long length = media.sizeBytes();
        if (range instanceof RangeRequest.Part part) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, part.contentRange(media.sizeBytes()));
            first = part.first();
            length = part.length();
        } else {
            response.setStatus(HttpServletResponse.SC_OK);
        }
        response.setContentType(media.mimeType());
        response.setContentLengthLong(length);
        try (SeekableByteChannel bytes = store.open(media.mediaId())) {
            copy(bytes.position(first), length, response.getOutputStream());
        }
    }

    private static void copy(SeekableByteChannel from, long length, OutputStream to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER_BYTES);
        long left = length;
        while (left > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            int read = from.read(buffer);
            if (read < 0) {
                throw new IOException("media file ended " + left + " bytes early");
            }
            to.write(buffer.array(), 0, read);
            left -= read;
        }
    }
}
