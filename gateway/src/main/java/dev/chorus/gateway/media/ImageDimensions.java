package dev.chorus.gateway.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** Width and height from the headers of PNG, GIF, WebP and JPEG files, without decoding a pixel. */
final class ImageDimensions {

    record Size(int width, int height) {
    }

    private static final int PNG_IHDR_TYPE = 12;
    private static final int PNG_WIDTH = 16;
    private static final int GIF_SCREEN = 6;
    private static final int WEBP_CHUNK = 12;
    private static final int WEBP_LOSSY_SIZE = 26;
    private static final int WEBP_LOSSLESS_BITS = 21;
    private static final int WEBP_EXTENDED_CANVAS = 24;
    private static final int FOURTEEN_BITS = 0x3FFF;
    private static final int TWENTY_FOUR_BITS = 0xFF_FFFF;
    private static final int JPEG_FIRST_SEGMENT = 2;
    /** Far more than any real JPEG has before its frame header; a bound on what a crafted file can cost. */
    private static final int MAX_JPEG_SEGMENTS = 1_024;
    private static final int JPEG_MARKER = 0xFF;
    private static final int JPEG_START_OF_SCAN = 0xDA;
    private static final int JPEG_END_OF_IMAGE = 0xD9;
    private static final int JPEG_RESTART_FIRST = 0xD0;
    private static final int JPEG_RESTART_LAST = 0xD7;
    private static final int JPEG_TEM = 0x01;
    /** Frame headers: SOF0..SOF15 less DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static final int SOF_FIRST = 0xC0;
    private static final int SOF_LAST = 0xCF;
    private static final int DHT = 0xC4;
    private static final int JPG = 0xC8;
    private static final int DAC = 0xCC;
    /** After the marker: length (2), precision (1), height (2), width (2). */
    private static final int SOF_BYTES = 9;
    private static final int SOF_HEIGHT = 5;
    private static final int SOF_WIDTH = 7;

    private ImageDimensions() {
    }

    static Optional<Size> read(MediaFormat format, ChannelBytes bytes) throws IOException {
        Optional<Size> size = switch (format) {
            case PNG -> png(bytes);
            case GIF -> gif(bytes);
            case WEBP -> webp(bytes);
            case JPEG -> jpeg(bytes);
            default -> Optional.empty();
        };
        return size.filter(s -> s.width() > 0 && s.height() > 0);
    }

    private static Optional<Size> png(ChannelBytes bytes) throws IOException {
        if (!MediaSniffer.startsWith(bytes.read(PNG_IHDR_TYPE, Integer.BYTES), 0, MediaSniffer.ascii("IHDR"))) {
            return Optional.empty();
        }
        ByteBuffer ihdr = bytes.exactly(PNG_WIDTH, 2 * Integer.BYTES, ByteOrder.BIG_ENDIAN);
        return ihdr == null ? Optional.empty() : Optional.of(new Size(ihdr.getInt(), ihdr.getInt()));
    }

    private static Optional<Size> gif(ChannelBytes bytes) throws IOException {
        ByteBuffer screen = bytes.exactly(GIF_SCREEN, 2 * Short.BYTES, ByteOrder.LITTLE_ENDIAN);
        return screen == null ? Optional.empty()
                : Optional.of(new Size(Short.toUnsignedInt(screen.getShort()), Short.toUnsignedInt(screen.getShort())));
    }

    /** Lossy (VP8), lossless (VP8L) and extended (VP8X) files keep their size in three different places. */
    private static Optional<Size> webp(ChannelBytes bytes) throws IOException {
        byte[] chunk = bytes.read(WEBP_CHUNK, Integer.BYTES);
        if (MediaSniffer.startsWith(chunk, 0, MediaSniffer.ascii("VP8 "))) {
            ByteBuffer frame = bytes.exactly(WEBP_LOSSY_SIZE, 2 * Short.BYTES, ByteOrder.LITTLE_ENDIAN);
            return frame == null ? Optional.empty()
                    : Optional.of(new Size(frame.getShort() & FOURTEEN_BITS, frame.getShort() & FOURTEEN_BITS));
        }
        if (MediaSniffer.startsWith(chunk, 0, MediaSniffer.ascii("VP8L"))) {
            ByteBuffer header = bytes.exactly(WEBP_LOSSLESS_BITS, Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
            if (header == null) {
                return Optional.empty();
            }
            int bits = header.getInt();
            return Optional.of(new Size((bits & FOURTEEN_BITS) + 1, ((bits >>> 14) & FOURTEEN_BITS) + 1));
        }
        if (MediaSniffer.startsWith(chunk, 0, MediaSniffer.ascii("VP8X"))) {
            ByteBuffer canvas = bytes.exactly(WEBP_EXTENDED_CANVAS, 2 * Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
            if (canvas == null) {
                return Optional.empty();
            }
            long packed = canvas.getLong();
            return Optional.of(new Size((int) (packed & TWENTY_FOUR_BITS) + 1,
                    (int) ((packed >>> 24) & TWENTY_FOUR_BITS) + 1));
        }
        return Optional.empty();
    }

    /** Walks the segments, jumping over each by its length, to the first frame header. */
    private static Optional<Size> jpeg(ChannelBytes bytes) throws IOException {
        long position = JPEG_FIRST_SEGMENT;
        for (int segment = 0; segment < MAX_JPEG_SEGMENTS; segment++) {
            byte[] head = bytes.read(position, SOF_BYTES);
            if (head.length < 2 || Byte.toUnsignedInt(head[0]) != JPEG_MARKER) {
                return Optional.empty();
            }
            int marker = Byte.toUnsignedInt(head[1]);
            if (marker == JPEG_MARKER) {
                position++; // fill byte before a marker
            } else if (marker == JPEG_TEM || (marker >= JPEG_RESTART_FIRST && marker <= JPEG_RESTART_LAST)) {
                position += 2; // markers without a length
            } else if (marker == JPEG_START_OF_SCAN || marker == JPEG_END_OF_IMAGE || head.length < SOF_BYTES) {
                return Optional.empty();
            } else if (marker >= SOF_FIRST && marker <= SOF_LAST && marker != DHT && marker != JPG && marker != DAC) {
                ByteBuffer frame = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN);
                return Optional.of(new Size(Short.toUnsignedInt(frame.getShort(SOF_WIDTH)),
                        Short.toUnsignedInt(frame.getShort(SOF_HEIGHT))));
            } else {
                int length = Short.toUnsignedInt(ByteBuffer.wrap(head, 2, Short.BYTES).getShort());
                if (length < Short.BYTES) {
                    return Optional.empty();
                }
                position += 2 + length;
            }
        }
        return Optional.empty();
    }
}
