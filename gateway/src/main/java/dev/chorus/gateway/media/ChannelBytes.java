package dev.chorus.gateway.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/** Bounded reads at a position of a stored file, for the header readers: they never load a whole file. */
final class ChannelBytes {

    private final SeekableByteChannel channel;

    ChannelBytes(SeekableByteChannel channel) {
        this.channel = channel;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Up to {@code length} bytes at {@code position}; fewer (possibly none) where the file ends. */
    byte[] read(long position, int length) throws IOException {
        if (position < 0 || position >= channel.size()) {
            return new byte[0];
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, channel.size() - position));
        channel.position(position);
        int read;
        do {
            read = channel.read(buffer);
        } while (read >= 0 && buffer.hasRemaining());
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Exactly {@code length} bytes at {@code position} in the given byte order, or null past the end. */
    ByteBuffer exactly(long position, int length, ByteOrder order) throws IOException {
        byte[] bytes = read(position, length);
        return bytes.length < length ? null : ByteBuffer.wrap(bytes).order(order);
    }
}
