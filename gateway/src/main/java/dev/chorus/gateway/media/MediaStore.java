package dev.chorus.gateway.media;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/**
 * Where uploaded media lives, outside Kafka. An upload becomes visible only when committed, all at once:
 * a reader finds either nothing or the whole file with its metadata, never a part.
 *
 * <p>Ids are chosen by the caller (see {@link MediaIds}); a store answers an id it does not hold, or one that
 * is not well formed, as absent.
 */
public interface MediaStore {

    /** A private place for one upload's bytes; closing it before {@link Upload#commit} discards them. */
    Upload begin() throws IOException;

    Optional<StoredMedia> find(String mediaId) throws IOException;

    /**
     * The bytes of a committed upload, positioned at 0.
     *
     * @throws java.nio.file.NoSuchFileException when the store holds no such upload
     */
    SeekableByteChannel open(String mediaId) throws IOException;

    interface Upload extends Closeable {

        /** Where the bytes go as they arrive. */
        OutputStream output();

        /** The bytes written so far, for sniffing and probing; ends the writing. */
        SeekableByteChannel read() throws IOException;

        /** Publishes the bytes and their metadata under {@code media.mediaId()}, atomically. */
        void commit(StoredMedia media) throws IOException;
    }
}
