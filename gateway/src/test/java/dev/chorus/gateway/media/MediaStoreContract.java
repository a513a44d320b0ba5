package dev.chorus.gateway.media;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link MediaStore} promises, run against each one: a committed upload is found and read back
 * whole or in ranges, by this store and by another one on the same backing (another gateway); nothing is
 * visible before the commit or after an abandoned upload; ids that are not ours are absent.
 */
abstract class MediaStoreContract {

    private final MediaIds ids = new MediaIds();

    /** A store on this test's backing (a folder, a bucket). */
    abstract MediaStore store() throws IOException;

    /** Another store on the same backing, as another gateway would have. */
    abstract MediaStore anotherStore() throws IOException;

    @Test
    void aCommittedUploadRoundTripsItsBytesAndMetadata() throws IOException {
        MediaStore store = store();
        byte[] png = Fixtures.bytes("image.png");
        StoredMedia media = media(ids.next(), png.length, "image/png");

        commit(store, png, media);

        assertThat(store.find(media.mediaId())).contains(media);
        assertThat(readAll(store, media.mediaId())).isEqualTo(png);
    }

    @Test
    void anotherStoreOnTheSameBackingSeesEveryUpload() throws IOException {
        byte[] gif = Fixtures.bytes("image.gif");
        StoredMedia media = media(ids.next(), gif.length, "image/gif");
        commit(store(), gif, media);

        MediaStore otherGateway = anotherStore();

        assertThat(otherGateway.find(media.mediaId())).contains(media);
        assertThat(readAll(otherGateway, media.mediaId())).isEqualTo(gif);
    }

    @Test
    void nothingIsVisibleBeforeTheCommitAndTheBytesCanBeReadBackForSniffing() throws IOException {
        MediaStore store = store();
        String id = ids.next();
        byte[] gif = Fixtures.bytes("image.gif");

        try (MediaStore.Upload upload = store.begin()) {
            upload.output().write(gif);
            try (SeekableByteChannel written = upload.read()) {
                assertThat(written.size()).isEqualTo(gif.length);
                assertThat(Channels.newInputStream(written).readAllBytes()).isEqualTo(gif);
            }

            assertThat(store.find(id)).isEmpty();
            assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void anUploadClosedWithoutACommitIsNeverVisible() throws IOException {
        MediaStore store = store();
        String id = ids.next();

        try (MediaStore.Upload upload = store.begin()) {
            upload.output().write(new byte[] {1, 2, 3});
        }

        assertThat(store.find(id)).isEmpty();
        assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void idsThatAreNotOursAreAbsent() throws IOException {
        MediaStore store = store();
        for (String id : new String[] {ids.next(), "../../etc/passwd", "", "a/b", "x".repeat(22) + "/"}) {
            assertThat(store.find(id)).as(id).isEmpty();
            assertThatThrownBy(() -> store.open(id)).as(id).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void rangesReadExactlyTheirBytesInAnyOrder() throws IOException {
        MediaStore store = store();
        byte[] bytes = randomBytes(300_000);
        StoredMedia media = media(ids.next(), bytes.length, "audio/mpeg");
        commit(store, bytes, media);

        try (SeekableByteChannel channel = store.open(media.mediaId())) {
            assertThat(channel.size()).isEqualTo(bytes.length);
            assertThat(read(channel.position(123_456), 1_000)).isEqualTo(Arrays.copyOfRange(bytes, 123_456, 124_456));
            assertThat(read(channel.position(10), 5)).isEqualTo(Arrays.copyOfRange(bytes, 10, 15));
            assertThat(read(channel, 5)).isEqualTo(Arrays.copyOfRange(bytes, 15, 20));
            assertThat(read(channel.position(bytes.length - 3), 3))
                    .isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 3, bytes.length));
            assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
    }

    @Test
    void aLargeUploadStreamsThroughWhole() throws IOException {
        MediaStore store = store();
        byte[] bytes = randomBytes(6 * 1024 * 1024 + 17);
        StoredMedia media = media(ids.next(), bytes.length, "video/webm");

        commit(store, bytes, media);

        assertThat(store.find(media.mediaId()).orElseThrow().sizeBytes()).isEqualTo(bytes.length);
        assertThat(readAll(store, media.mediaId())).isEqualTo(bytes);
    }

    @Test
    void metadataKeepsEveryFieldWhateverItHolds() throws IOException {
        MediaStore store = store();
        String id = ids.next();
        StoredMedia image = new StoredMedia(id, "zoë+ünïcode@example.com", "https://chat.example.com/p/media/" + id
                + "?x=1&y=%20", "image/webp", 3, 640, 480, null, Instant.parse("2025-01-02T03:04:05.678Z"));
        String audioId = ids.next();
        StoredMedia audio = new StoredMedia(audioId, "bob", "http://localhost:8080/media/" + audioId, "audio/ogg",
                3, null, null, 1_234L, Instant.parse("2025-01-02T03:04:05Z"));

        commit(store, new byte[] {1, 2, 3}, image);
        commit(store, new byte[] {4, 5, 6}, audio);

        assertThat(store.find(id)).contains(image);
        assertThat(store.find(audioId)).contains(audio);
    }

    private static void commit(MediaStore store, byte[] bytes, StoredMedia media) throws IOException {
        try (MediaStore.Upload upload = store.begin()) {
            upload.output().write(bytes);
            upload.commit(media);
        }
    }

    private static byte[] readAll(MediaStore store, String mediaId) throws IOException {
        try (SeekableByteChannel channel = store.open(mediaId); InputStream in = Channels.newInputStream(channel)) {
            return in.readAllBytes();
        }
    }

    private static byte[] read(SeekableByteChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // a read may return fewer bytes than asked
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static StoredMedia media(String id, long size, String mimeType) {
        return new StoredMedia(id, "alice", "http://localhost:8080/media/" + id, mimeType, size, 1, 1, null,
                Instant.parse("2025-01-02T03:04:05Z"));
    }
}
