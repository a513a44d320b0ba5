package dev.chorus.gateway.media;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over one object: each read continues one ranged GET from the position it was opened
 * at, to the object's end; moving the position elsewhere drops it and the next read opens another. So a
 * {@code Range} request costs one GET of exactly its bytes onward, and reading a whole object one GET.
 */
final class S3RangeChannel implements SeekableByteChannel {

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final long size;
    private long position;
    private ResponseInputStream<GetObjectResponse> body;
    /** Where {@link #body} stands in the object. */
    private long bodyPosition;
    private boolean open = true;

    S3RangeChannel(S3Client client, String bucket, String key, long size) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        if (body == null || bodyPosition != position) {
            reopenAt(position);
        }
        int wanted = (int) Math.min(target.remaining(), size - position);
        byte[] bytes = new byte[wanted];
        int read = body.read(bytes, 0, wanted);
        if (read < 0) {
            throw new IOException("media " + key + " ended at " + position + " of " + size + " bytes");
        }
        target.put(bytes, 0, read);
        position += read;
        bodyPosition += read;
        return read;
    }

    private void reopenAt(long first) throws IOException {
        dropBody();
        try {
            body = client.getObject(request -> request.bucket(bucket).key(key)
                    .range("bytes=" + first + "-" + (size - 1)));
        } catch (SdkException e) {
            throw new IOException("could not read media " + key + " from bucket " + bucket, e);
        }
        bodyPosition = first;
    }

    /** A body not read to its end is aborted rather than drained: the rest of a large object is not wanted. */
    private void dropBody() {
        if (body != null) {
            if (bodyPosition < size) {
                body.abort();
            }
            try {
                body.close();
            } catch (IOException | RuntimeException e) {
                // the connection is dropped with it; nothing else to do
            }
            body = null;
        }
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            dropBody();
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
