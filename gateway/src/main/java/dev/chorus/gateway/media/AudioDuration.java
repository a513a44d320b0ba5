package dev.chorus.gateway.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Durations that the headers state outright: WAV (data size over byte rate), Ogg/Opus (the last page's
 * granule position, RFC 7845) and MP4 (the movie header). MP3, ADTS AAC and WebM would need the stream to
 * be scanned or an EBML parser, so their duration is left unknown.
 */
final class AudioDuration {

    private static final long MILLIS_PER_SECOND = 1_000;
    /** Bounds on the chunks and boxes walked, so a crafted file cannot make the walk long. */
    private static final int MAX_CHUNKS = 256;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int WAV_FIRST_CHUNK = 12;
    private static final int WAV_BYTE_RATE = 8;
    /** RFC 7845: granule positions count 48 kHz samples whatever the input rate was. */
    private static final long OPUS_RATE = 48_000;
    private static final int OGG_VERSION = 4;
    private static final int OGG_GRANULE = 6;
    private static final int OGG_SEGMENT_COUNT = 26;
    private static final int OGG_HEADER_BYTES = 27;
    private static final int OPUS_PRE_SKIP = 10;
    /** The largest Ogg page: a 27-byte header, 255 lacing values and 255 segments of 255 bytes. */
    private static final int MAX_OGG_PAGE = 27 + 255 + 255 * 255;
    private static final int MP4_LARGE_SIZE = 1;
    private static final int MP4_TO_END = 0;
    private static final int MVHD_VERSION_1 = 1;
    private static final int MVHD_V0_TIMESCALE = 12;
    private static final int MVHD_V1_TIMESCALE = 20;

    private AudioDuration() {
    }

    static Optional<Long> read(MediaFormat format, ChannelBytes bytes) throws IOException {
        Optional<Long> duration = switch (format) {
            case WAV -> wav(bytes);
            case OGG_OPUS -> opus(bytes);
            case MP4 -> mp4(bytes);
            default -> Optional.empty();
        };
        return duration.filter(ms -> ms >= 0);
    }

    private static Optional<Long> wav(ChannelBytes bytes) throws IOException {
        long position = WAV_FIRST_CHUNK;
        Long byteRate = null;
        for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
            ByteBuffer header = bytes.exactly(position, CHUNK_HEADER_BYTES, ByteOrder.LITTLE_ENDIAN);
            if (header == null) {
                return Optional.empty();
            }
            String id = fourCc(header, 0);
            long size = Integer.toUnsignedLong(header.getInt(Integer.BYTES));
            long body = position + CHUNK_HEADER_BYTES;
            if (id.equals("fmt ")) {
                ByteBuffer rate = bytes.exactly(body + WAV_BYTE_RATE, Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
                byteRate = rate == null ? null : Integer.toUnsignedLong(rate.getInt());
            } else if (id.equals("data")) {
                // Streaming writers leave the size at its maximum: the data then runs to the end of the file.
                long dataBytes = Math.min(size, bytes.size() - body);
                return byteRate == null || byteRate == 0 ? Optional.empty()
                        : Optional.of(dataBytes * MILLIS_PER_SECOND / byteRate);
            }
            position = body + size + (size & 1); // chunks are padded to an even length
        }
        return Optional.empty();
    }

    private static Optional<Long> opus(ChannelBytes bytes) throws IOException {
        byte[] first = bytes.read(0, MediaSniffer.HEAD_BYTES);
        if (first.length <= OGG_SEGMENT_COUNT) {
            return Optional.empty();
        }
        int opusHead = OGG_HEADER_BYTES + Byte.toUnsignedInt(first[OGG_SEGMENT_COUNT]);
        ByteBuffer preSkip = bytes.exactly(opusHead + OPUS_PRE_SKIP, Short.BYTES, ByteOrder.LITTLE_ENDIAN);
        if (preSkip == null) {
            return Optional.empty();
        }
        long tailStart = Math.max(0, bytes.size() - MAX_OGG_PAGE);
        byte[] tail = bytes.read(tailStart, MAX_OGG_PAGE);
        byte[] capture = MediaSniffer.ascii("OggS");
        for (int i = tail.length - OGG_HEADER_BYTES; i >= 0; i--) {
            if (MediaSniffer.startsWith(tail, i, capture) && tail[i + OGG_VERSION] == 0) {
                long granule = ByteBuffer.wrap(tail, i + OGG_GRANULE, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                        .getLong();
                if (granule >= 0) { // -1: no packet ends on this page
                    long samples = granule - Short.toUnsignedInt(preSkip.getShort());
                    return Optional.of(samples * MILLIS_PER_SECOND / OPUS_RATE);
                }
            }
        }
        return Optional.empty();
    }

    /** The movie header ({@code moov/mvhd}) gives a timescale and a duration in its units. */
    private static Optional<Long> mp4(ChannelBytes bytes) throws IOException {
        Optional<Span> moov = box(bytes, new Span(0, bytes.size()), "moov");
        if (moov.isEmpty()) {
            return Optional.empty();
        }
        Optional<Span> mvhd = box(bytes, moov.get(), "mvhd");
        if (mvhd.isEmpty()) {
            return Optional.empty();
        }
        long body = mvhd.get().start();
        byte[] version = bytes.read(body, 1);
        if (version.length == 0) {
            return Optional.empty();
        }
        boolean wide = version[0] == MVHD_VERSION_1;
        int timescaleAt = wide ? MVHD_V1_TIMESCALE : MVHD_V0_TIMESCALE;
        ByteBuffer fields = bytes.exactly(body + timescaleAt, Integer.BYTES + (wide ? Long.BYTES : Integer.BYTES),
                ByteOrder.BIG_ENDIAN);
        if (fields == null) {
            return Optional.empty();
        }
        long timescale = Integer.toUnsignedLong(fields.getInt());
        long duration = wide ? fields.getLong() : Integer.toUnsignedLong(fields.getInt());
        return timescale == 0 ? Optional.empty() : Optional.of(duration * MILLIS_PER_SECOND / timescale);
    }

    /** A byte range of the file: [start, end). */
    private record Span(long start, long end) {
    }

    /** The body of the first box of this type among the boxes that fill {@code within}. */
    private static Optional<Span> box(ChannelBytes bytes, Span within, String type) throws IOException {
        long position = within.start();
        long to = within.end();
        for (int i = 0; i < MAX_CHUNKS && position + CHUNK_HEADER_BYTES <= to; i++) {
            ByteBuffer header = bytes.exactly(position, CHUNK_HEADER_BYTES, ByteOrder.BIG_ENDIAN);
            if (header == null) {
                return Optional.empty();
            }
            long size = Integer.toUnsignedLong(header.getInt(0));
            long headerBytes = CHUNK_HEADER_BYTES;
            if (size == MP4_LARGE_SIZE) {
                ByteBuffer large = bytes.exactly(position + CHUNK_HEADER_BYTES, Long.BYTES, ByteOrder.BIG_ENDIAN);
                if (large == null) {
                    return Optional.empty();
                }
                size = large.getLong();
                headerBytes += Long.BYTES;
            } else if (size == MP4_TO_END) {
                size = to - position;
            }
            if (size < headerBytes || position + size > to) {
                return Optional.empty();
            }
            if (fourCc(header, Integer.BYTES).equals(type)) {
                return Optional.of(new Span(position + headerBytes, position + size));
            }
            position += size;
        }
        return Optional.empty();
    }

    private static String fourCc(ByteBuffer buffer, int offset) {
        byte[] id = new byte[Integer.BYTES];
        buffer.get(offset, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }
}
