package dev.chorus.gateway.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Takes one upload from the first byte to a committed {@link StoredMedia}: the bytes stream into the store
 * as they arrive and are counted, so an upload over the limit costs the limit and no more; the type is then
 * read from the bytes and must be the declared one.
 */
final class MediaUploads {

    /** Media URLs are {@code <base>/media/<id>}. */
    static final String PATH = "/media/";
    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    sealed interface Outcome {
    }

    record Stored(StoredMedia media) implements Outcome {
    }

    record TooLarge(long maxBytes) implements Outcome {
    }

    record Unsupported(String reason) implements Outcome {
    }

    private final MediaStore store;
    private final MediaIds ids;
    private final long maxBytes;
    private final Clock clock;

    MediaUploads(MediaStore store, MediaIds ids, long maxBytes, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * @param declaredType the request's {@code Content-Type}, possibly {@code null}
     * @param baseUrl      scheme, host, port and path prefix of the URL the media will be served at
     */
    Outcome upload(InputStream body, String declaredType, String ownerId, String baseUrl) throws IOException {
        Optional<MediaFormat> declared = MediaFormat.declared(declaredType);
        if (declared.isEmpty()) {
            return new Unsupported("Content-Type " + declaredType + " is not an accepted media type");
        }
        try (MediaStore.Upload upload = store.begin()) {
            long size = copyAtMostOneOver(body, upload.output());
            if (size > maxBytes) {
                return new TooLarge(maxBytes);
            }
            MediaFormat format;
            MediaDetails details;
            try (SeekableByteChannel bytes = upload.read()) {
                Optional<MediaFormat> sniffed = MediaSniffer.sniff(new ChannelBytes(bytes).read(0,
                        MediaSniffer.HEAD_BYTES));
                if (sniffed.isEmpty()) {
                    return new Unsupported("the bytes are none of the accepted media types");
                }
                if (sniffed.get() != declared.get()) {
                    return new Unsupported("the bytes are " + sniffed.get().mimeType() + ", not the declared "
                            + declared.get().mimeType());
                }
                format = sniffed.get();
                details = MediaDetails.read(format, bytes);
            }
            String id = ids.next();
            StoredMedia media = new StoredMedia(id, ownerId, baseUrl + PATH + id, format.mimeType(), size,
                    details.width(), details.height(), details.durationMs(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            upload.commit(media);
            return new Stored(media);
        }
    }

    /** Copies until the body ends or one byte past the limit, whichever comes first; the count copied. */
    private long copyAtMostOneOver(InputStream body, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long copied = 0;
        while (copied <= maxBytes) {
            int wanted = (int) Math.min(buffer.length, maxBytes + 1 - copied);
            int read = body.read(buffer, 0, wanted);
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            copied += read;
        }
        return copied;
    }
}
