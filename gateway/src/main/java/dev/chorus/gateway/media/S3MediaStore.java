package dev.chorus.gateway.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Media in an S3 bucket, which every gateway naming the bucket shares. One object per upload, keyed by its id:
 * the bytes, their {@code Content-Type}, and the rest of the {@link StoredMedia} as user metadata
 * ({@code x-amz-meta-chorus-*}). A PUT becomes visible whole or not at all, so the object is its own commit
 * point: a reader finds nothing or the upload with its metadata, never a part.
 *
 * <p>An upload is spooled to a temporary file first (the sniffer and the header readers need to read it back,
 * and S3 wants the length up front); the spool holds at most the size limit plus one byte, since the caller
 * stops copying there, and is deleted when the upload is closed. The PUT then streams from the file.
 *
 * <p>Reads are ranged GETs, opened lazily at the channel's position, so a {@code Range} request fetches only
 * its bytes.
 */
final class S3MediaStore implements MediaStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3MediaStore.class);
    static final String OWNER = "chorus-owner";
    static final String URL = "chorus-url";
    static final String WIDTH = "chorus-width";
    static final String HEIGHT = "chorus-height";
    static final String DURATION_MS = "chorus-duration-ms";
    static final String UPLOADED_AT = "chorus-uploaded-at";
    private static final int NOT_FOUND = 404;

    private final S3Client client;
    private final String bucket;

    S3MediaStore(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    String bucket() {
        return bucket;
    }

    /** Makes the bucket unless it exists; several gateways starting at once may race to it, which is fine. */
    void ensureBucket() {
        try {
            client.headBucket(request -> request.bucket(bucket));
            return;
        } catch (NoSuchBucketException e) {
            log.info("media bucket {} does not exist; creating it", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != NOT_FOUND) {
                throw e;
            }
            log.info("media bucket {} does not exist; creating it", bucket);
        }
        try {
            client.createBucket(request -> request.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            log.debug("media bucket {} was created by another gateway meanwhile", bucket);
        }
    }

    @Override
    public Upload begin() throws IOException {
        Path spool = Files.createTempFile("chorus-upload-", ".part");
        return new SpooledUpload(spool, FileChannel.open(spool, StandardOpenOption.WRITE));
    }

    @Override
    public Optional<StoredMedia> find(String mediaId) throws IOException {
        if (!MediaIds.isWellFormed(mediaId)) {
            return Optional.empty();
        }
        return head(mediaId).map(head -> toStoredMedia(mediaId, head));
    }

    @Override
    public SeekableByteChannel open(String mediaId) throws IOException {
        if (!MediaIds.isWellFormed(mediaId)) {
            throw new NoSuchFileException(mediaId);
        }
        HeadObjectResponse head = head(mediaId).orElseThrow(() -> new NoSuchFileException(mediaId));
        return new S3RangeChannel(client, bucket, mediaId, head.contentLength());
    }

    @Override
    public void close() {
        client.close();
    }

    private Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(client.headObject(request -> request.bucket(bucket).key(key)));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw new IOException("could not look up media " + key + " in bucket " + bucket, e);
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new IOException("could not reach the media bucket " + bucket, e);
        }
    }

    static Map<String, String> metadata(StoredMedia media) {
        Map<String, String> metadata = new HashMap<>();
        // S3 carries user metadata in HTTP headers: ASCII only, so the two free-form values are encoded.
        metadata.put(OWNER, encode(media.ownerId()));
        metadata.put(URL, encode(media.url()));
        metadata.put(UPLOADED_AT, media.uploadedAt().toString());
        if (media.width() != null) {
            metadata.put(WIDTH, media.width().toString());
        }
        if (media.height() != null) {
            metadata.put(HEIGHT, media.height().toString());
        }
        if (media.durationMs() != null) {
            metadata.put(DURATION_MS, media.durationMs().toString());
        }
        return metadata;
    }

    static StoredMedia toStoredMedia(String mediaId, HeadObjectResponse head) {
        Map<String, String> metadata = head.metadata();
        return new StoredMedia(mediaId, decode(metadata.get(OWNER)), decode(metadata.get(URL)), head.contentType(),
                head.contentLength(), integer(metadata.get(WIDTH)), integer(metadata.get(HEIGHT)),
                metadata.get(DURATION_MS) == null ? null : Long.valueOf(metadata.get(DURATION_MS)),
                Instant.parse(metadata.get(UPLOADED_AT)));
    }

    private static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private final class SpooledUpload implements Upload {

        private final Path spool;
        private final FileChannel channel;
        private final OutputStream output;

        SpooledUpload(Path spool, FileChannel channel) {
            this.spool = spool;
            this.channel = channel;
            this.output = Channels.newOutputStream(channel);
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public SeekableByteChannel read() throws IOException {
            channel.close();
            return Files.newByteChannel(spool, StandardOpenOption.READ);
        }

        @Override
        public void commit(StoredMedia media) throws IOException {
            channel.close();
            long size = Files.size(spool);
            try {
                client.putObject(request -> request.bucket(bucket).key(media.mediaId())
                                .contentType(media.mimeType())
                                .contentLength(size)
                                .metadata(metadata(media)),
                        RequestBody.fromFile(spool));
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                throw new IOException("could not store media " + media.mediaId() + " in bucket " + bucket, e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
            Files.deleteIfExists(spool);
        }
    }
}
