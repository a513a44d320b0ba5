package dev.chorus.gateway.media;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads into a real store on disk: the limit while streaming, the type from the bytes. */
class MediaUploadsTest {

    private static final String BASE = "https://chat.example";
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123456Z");

    @TempDir
    Path dir;

    private FileSystemMediaStore store;

    @BeforeEach
    void store() {
        store = new FileSystemMediaStore(dir);
    }

    @Test
    void storesTheBytesWithWhatTheyAre() throws IOException {
        byte[] gif = Fixtures.bytes("image.gif");

        MediaUploads.Outcome outcome = uploads(1_000).upload(new ByteArrayInputStream(gif), "image/gif", "alice", BASE);

        StoredMedia media = ((MediaUploads.Stored) outcome).media();
        assertThat(media.url()).isEqualTo(BASE + "/media/" + media.mediaId());
        assertThat(media).extracting(StoredMedia::ownerId, StoredMedia::mimeType, StoredMedia::sizeBytes,
                StoredMedia::width, StoredMedia::height, StoredMedia::durationMs, StoredMedia::uploadedAt)
                .containsExactly("alice", "image/gif", (long) gif.length, 8, 6, null,
                        Instant.parse("2026-11-24T10:15:30.123Z"));
        assertThat(store.find(media.mediaId())).contains(media);
    }

    @Test
    void anAliasOfTheTypeIsStoredUnderItsOneName() throws IOException {
        MediaUploads.Outcome outcome = uploads(10_000).upload(new ByteArrayInputStream(Fixtures.bytes("audio.wav")),
                "audio/x-wav", "alice", BASE);

        assertThat(((MediaUploads.Stored) outcome).media().mimeType()).isEqualTo("audio/wav");
        assertThat(((MediaUploads.Stored) outcome).media().durationMs()).isEqualTo(250L);
    }

    @Test
    void exactlyTheLimitIsAccepted() throws IOException {
        byte[] png = Fixtures.bytes("image.png");

        assertThat(uploads(png.length).upload(new ByteArrayInputStream(png), "image/png", "alice", BASE))
                .isInstanceOf(MediaUploads.Stored.class);
    }

    @Test
    void readingStopsOneBytePastTheLimitAndKeepsNothing() throws IOException {
        CountingEndlessStream endless = new CountingEndlessStream(Fixtures.bytes("image.png"));

        MediaUploads.Outcome outcome = uploads(4_096).upload(endless, "image/png", "alice", BASE);

        assertThat(outcome).isEqualTo(new MediaUploads.TooLarge(4_096));
        assertThat(endless.served).isEqualTo(4_097);
        assertNothingStored();
    }

    @Test
    void bytesOfAnotherTypeThanDeclaredAreUnsupported() throws IOException {
        MediaUploads.Outcome outcome = uploads(10_000).upload(new ByteArrayInputStream(Fixtures.bytes("image.png")),
                "image/gif", "alice", BASE);

        assertThat(((MediaUploads.Unsupported) outcome).reason()).contains("image/png").contains("image/gif");
        assertNothingStored();
    }

    @Test
    void svgHtmlAndGarbageAreUnsupportedWhateverTheyClaim() throws IOException {
        for (String fixture : new String[] {"image.svg", "page.html", "garbage.bin"}) {
            for (String declared : new String[] {"image/png", "image/svg+xml", "text/html", "audio/mpeg", null}) {
                MediaUploads.Outcome outcome = uploads(10_000).upload(
                        new ByteArrayInputStream(Fixtures.bytes(fixture)), declared, "alice", BASE);
                assertThat(outcome).as(fixture + " as " + declared).isInstanceOf(MediaUploads.Unsupported.class);
            }
        }
        assertNothingStored();
    }

    @Test
    void anEmptyBodyIsUnsupported() throws IOException {
        assertThat(uploads(10).upload(InputStream.nullInputStream(), "image/png", "alice", BASE))
                .isInstanceOf(MediaUploads.Unsupported.class);
    }

    private MediaUploads uploads(long maxBytes) {
        return new MediaUploads(store, new MediaIds(), maxBytes, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void assertNothingStored() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    /** A body that never ends, as a client that ignores the limit would send; counts what was taken. */
    private static final class CountingEndlessStream extends InputStream {
        private final byte[] start;
        long served;

        CountingEndlessStream(byte[] start) {
            this.start = start;
        }

        @Override
        public int read() {
            return served < start.length ? start[(int) served++] & 0xFF : (int) (served++ & 0x7F);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }
}
