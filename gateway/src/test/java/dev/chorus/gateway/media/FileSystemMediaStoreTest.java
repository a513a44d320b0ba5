package dev.chorus.gateway.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemMediaStoreTest {

    @TempDir
    Path dir;

    private final MediaIds ids = new MediaIds();

    @Test
    void aCommittedUploadRoundTripsItsBytesAndMetadata() throws IOException {
        FileSystemMediaStore store = new FileSystemMediaStore(dir);
        byte[] png = Fixtures.bytes("image.png");
        StoredMedia media = media(ids.next(), png.length);

        try (MediaStore.Upload upload = store.begin()) {
            upload.output().write(png);
            upload.commit(media);
        }

        assertThat(store.find(media.mediaId())).contains(media);
        assertThat(read(store, media.mediaId())).isEqualTo(png);
        assertThat(store.metadataPath(media.mediaId())).exists()
                .hasParent(store.bytesPath(media.mediaId()).getParent());
        assertThat(incoming()).isEmpty();
    }

    @Test
    void anotherStoreOnTheSameFolderSeesEveryUpload() throws IOException {
        StoredMedia media = media(ids.next(), 3);
        try (MediaStore.Upload upload = new FileSystemMediaStore(dir).begin()) {
            upload.output().write(new byte[] {1, 2, 3});
            upload.commit(media);
        }

        FileSystemMediaStore otherGateway = new FileSystemMediaStore(dir);

        assertThat(otherGateway.find(media.mediaId())).contains(media);
        assertThat(read(otherGateway, media.mediaId())).containsExactly(1, 2, 3);
    }

    @Test
    void nothingIsVisibleBeforeTheCommit() throws IOException {
        FileSystemMediaStore store = new FileSystemMediaStore(dir);
        String id = ids.next();

        try (MediaStore.Upload upload = store.begin()) {
            upload.output().write(Fixtures.bytes("image.gif"));
            try (SeekableByteChannel written = upload.read()) {
                assertThat(written.size()).isEqualTo(Fixtures.bytes("image.gif").length);
            }

            assertThat(store.find(id)).isEmpty();
            assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
            assertThat(store.bytesPath(id)).doesNotExist();
            assertThat(incoming()).hasSize(1);
        }
    }

    @Test
    void anUploadClosedWithoutACommitLeavesNothingBehind() throws IOException {
        FileSystemMediaStore store = new FileSystemMediaStore(dir);

        try (MediaStore.Upload upload = store.begin()) {
            upload.output().write(new byte[1024]);
        }

        assertThat(incoming()).isEmpty();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void bytesWithoutMetadataDoNotExist() throws IOException {
        FileSystemMediaStore store = new FileSystemMediaStore(dir);
        String id = ids.next();
        Files.createDirectories(store.bytesPath(id).getParent());
        Files.write(store.bytesPath(id), new byte[] {1});

        assertThat(store.find(id)).isEmpty();
        assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void idsThatAreNotOursAreNeverLookedUp() throws IOException {
        FileSystemMediaStore store = new FileSystemMediaStore(dir.resolve("media"));
        Files.writeString(dir.resolve("secret.json"), "{}");

        for (String id : new String[] {"../secret", "..%2Fsecret", "a/b", "", "short", "x".repeat(23)}) {
            assertThat(store.find(id)).as(id).isEmpty();
            assertThatThrownBy(() -> store.open(id)).as(id).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void idsAre128RandomBitsInUrlSafeCharacters() {
        String id = ids.next();

        assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(MediaIds.isWellFormed(id)).isTrue();
        assertThat(ids.next()).isNotEqualTo(id);
    }

    private Stream<Path> incomingFiles() throws IOException {
        Path incoming = dir.resolve(FileSystemMediaStore.INCOMING);
        return Files.exists(incoming) ? Files.list(incoming) : Stream.empty();
    }

    private List<Path> incoming() throws IOException {
        try (Stream<Path> files = incomingFiles()) {
            return files.toList();
        }
    }

    private static byte[] read(MediaStore store, String id) throws IOException {
        try (InputStream in = Channels.newInputStream(store.open(id))) {
            return in.readAllBytes();
        }
    }

    private static StoredMedia media(String id, long size) {
        return new StoredMedia(id, "alice", "http://localhost:8080/media/" + id, "image/png", size, 4, 2, null,
                Instant.parse("2026-11-24T10:15:30.123Z"));
    }
}
