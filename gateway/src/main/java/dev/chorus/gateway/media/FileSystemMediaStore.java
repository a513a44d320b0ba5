package dev.chorus.gateway.media;

import dev.chorus.topic.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Media in a folder, which gateways on one host (or on a shared volume) can share:
 * {@code <dir>/<first two characters of the id>/<id>} holds the bytes and {@code <id>.json} beside it the
 * {@link StoredMedia}. Uploads are written under {@code <dir>/.incoming} (the same file system, so a move is
 * atomic), then the bytes are moved into place, then the metadata: the metadata is the commit point, and
 * without it an id does not exist.
 */
final class FileSystemMediaStore implements MediaStore {

    private static final Logger log = LoggerFactory.getLogger(FileSystemMediaStore.class);
    static final String INCOMING = ".incoming";
    static final String METADATA_SUFFIX = ".json";
    private static final int SHARD_CHARS = 2;

    private final Path dir;

    FileSystemMediaStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    @Override
    public Upload begin() throws IOException {
        Path incoming = Files.createDirectories(dir.resolve(INCOMING));
        Path part = Files.createTempFile(incoming, "upload-", ".part");
        return new FileUpload(part, FileChannel.open(part, StandardOpenOption.WRITE));
    }

    @Override
    public Optional<StoredMedia> find(String mediaId) throws IOException {
        if (!MediaIds.isWellFormed(mediaId)) {
            return Optional.empty();
        }
        Path metadata = metadataPath(mediaId);
        if (!Files.exists(metadata)) {
            return Optional.empty();
        }
        return Optional.of(Json.mapper().readValue(Files.readAllBytes(metadata), StoredMedia.class));
    }

    @Override
    public SeekableByteChannel open(String mediaId) throws IOException {
        if (!MediaIds.isWellFormed(mediaId) || !Files.exists(metadataPath(mediaId))) {
            throw new NoSuchFileException(mediaId);
        }
        return Files.newByteChannel(bytesPath(mediaId), StandardOpenOption.READ);
    }

    Path bytesPath(String mediaId) {
        return dir.resolve(mediaId.substring(0, SHARD_CHARS)).resolve(mediaId);
    }

    Path metadataPath(String mediaId) {
        return dir.resolve(mediaId.substring(0, SHARD_CHARS)).resolve(mediaId + METADATA_SUFFIX);
    }

    private final class FileUpload implements Upload {

        private final Path part;
        private final FileChannel channel;
        private final OutputStream output;
        private boolean committed;

        FileUpload(Path part, FileChannel channel) {
            this.part = part;
            this.channel = channel;
            this.output = Channels.newOutputStream(channel);
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public SeekableByteChannel read() throws IOException {
            finishWriting();
            return Files.newByteChannel(part, StandardOpenOption.READ);
        }

        @Override
        public void commit(StoredMedia media) throws IOException {
            finishWriting();
            Path bytes = bytesPath(media.mediaId());
            Files.createDirectories(bytes.getParent());
            Files.move(part, bytes, StandardCopyOption.ATOMIC_MOVE);
            Path metadataPart = Files.createTempFile(part.getParent(), "metadata-", ".part");
            try {
                try (FileChannel metadata = FileChannel.open(metadataPart, StandardOpenOption.WRITE)) {
                    metadata.write(ByteBuffer.wrap(Json.mapper().writeValueAsBytes(media)));
                    metadata.force(true);
                }
                Files.move(metadataPart, metadataPath(media.mediaId()), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                // Bytes without metadata are invisible, but they would take space for ever.
                Files.deleteIfExists(metadataPart);
                Files.deleteIfExists(bytes);
                throw e;
            }
            committed = true;
        }

        /** Durable before it is published: a crash must not leave metadata pointing at missing bytes. */
        private void finishWriting() throws IOException {
            if (channel.isOpen()) {
                channel.force(true);
                channel.close();
            }
        }

        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                channel.close();
            }
            if (!committed && Files.deleteIfExists(part)) {
                log.debug("discarded the unfinished upload {}", part.getFileName());
            }
        }
    }
}
