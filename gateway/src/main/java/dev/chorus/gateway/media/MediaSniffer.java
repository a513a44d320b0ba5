package dev.chorus.gateway.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the format from the first bytes, whatever the client declared: a stored file's type is what its
 * bytes are. Only the signatures of {@link MediaFormat}s are recognized, so text formats (SVG, HTML, XML)
 * and everything else are unknown by construction.
 */
final class MediaSniffer {

    /** Enough for every signature, including an Ogg page whose segment table is as long as it can be. */
    static final int HEAD_BYTES = 512;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87 = ascii("GIF87a");
    private static final byte[] GIF89 = ascii("GIF89a");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP = ascii("WEBP");
    private static final byte[] VP8 = ascii("VP8");
    private static final byte[] WAVE = ascii("WAVE");
    private static final byte[] OGG = ascii("OggS");
    private static final byte[] OPUS_HEAD = ascii("OpusHead");
    private static final byte[] ID3 = ascii("ID3");
    private static final byte[] FTYP = ascii("ftyp");
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    /** The EBML DocType element (0x4282), four bytes long, saying "webm"; Matroska says "matroska". */
    private static final byte[] WEBM_DOCTYPE = {0x42, (byte) 0x82, (byte) 0x84, 'w', 'e', 'b', 'm'};
    /** Brands of MP4 files that hold audio; image brands (heic, avif, mif1) are deliberately absent. */
    private static final Set<String> MP4_AUDIO_BRANDS = Set.of("M4A ", "M4B ", "M4P ", "F4A ", "mp41", "mp42",
            "isom", "iso2", "iso4", "iso5", "iso6", "dash");

    private static final int RIFF_FORM_OFFSET = 8;
    private static final int WEBP_CHUNK_OFFSET = 12;
    private static final int OGG_SEGMENT_COUNT_OFFSET = 26;
    private static final int OGG_HEADER_BYTES = 27;
    private static final int FTYP_OFFSET = 4;
    private static final int BRAND_OFFSET = 8;
    private static final int BRAND_BYTES = 4;
    private static final int FRAME_HEADER_BYTES = 3;
    private static final int SYNC_BYTE = 0xFF;
    private static final int SYNC_MASK = 0xE0;
    private static final int ADTS_SYNC_BIT = 0x10;
    private static final int ADTS_LAYER = 0b00;
    private static final int MPEG_LAYER_III = 0b01;
    private static final int MPEG_BAD_BITRATE = 0b1111;
    private static final int MPEG_BAD_SAMPLE_RATE = 0b11;

    private MediaSniffer() {
    }

    /** @param head the first bytes of the file, up to {@link #HEAD_BYTES}; fewer if the file is shorter */
    static Optional<MediaFormat> sniff(byte[] head) {
        if (startsWith(head, 0, PNG)) {
            return Optional.of(MediaFormat.PNG);
        }
        if (startsWith(head, 0, JPEG)) {
            return Optional.of(MediaFormat.JPEG);
        }
        if (startsWith(head, 0, GIF87) || startsWith(head, 0, GIF89)) {
            return Optional.of(MediaFormat.GIF);
        }
        if (startsWith(head, 0, RIFF)) {
            return riff(head);
        }
        if (startsWith(head, 0, OGG)) {
            return opus(head);
        }
        if (startsWith(head, FTYP_OFFSET, FTYP)) {
            return mp4(head);
        }
        if (startsWith(head, 0, EBML)) {
            return indexOf(head, WEBM_DOCTYPE) >= 0 ? Optional.of(MediaFormat.WEBM) : Optional.empty();
        }
        if (startsWith(head, 0, ID3)) {
            return Optional.of(MediaFormat.MP3);
        }
        return frameSync(head);
    }

    private static Optional<MediaFormat> riff(byte[] head) {
        if (startsWith(head, RIFF_FORM_OFFSET, WEBP) && startsWith(head, WEBP_CHUNK_OFFSET, VP8)) {
            return Optional.of(MediaFormat.WEBP);
        }
        return startsWith(head, RIFF_FORM_OFFSET, WAVE) ? Optional.of(MediaFormat.WAV) : Optional.empty();
    }

    private static Optional<MediaFormat> mp4(byte[] head) {
        if (head.length < BRAND_OFFSET + BRAND_BYTES) {
            return Optional.empty();
        }
        String brand = new String(head, BRAND_OFFSET, BRAND_BYTES, StandardCharsets.ISO_8859_1);
        return MP4_AUDIO_BRANDS.contains(brand) ? Optional.of(MediaFormat.MP4) : Optional.empty();
    }

    /** An Ogg stream is Opus when its first packet is the Opus identification header (RFC 7845). */
    private static Optional<MediaFormat> opus(byte[] head) {
        if (head.length <= OGG_SEGMENT_COUNT_OFFSET) {
            return Optional.empty();
        }
        int firstPacket = OGG_HEADER_BYTES + Byte.toUnsignedInt(head[OGG_SEGMENT_COUNT_OFFSET]);
        return startsWith(head, firstPacket, OPUS_HEAD) ? Optional.of(MediaFormat.OGG_OPUS) : Optional.empty();
    }

    /**
     * Headerless MP3 and ADTS AAC both open with a frame sync (11 bits for MPEG audio, 12 for ADTS); the layer
     * bits tell them apart. Header layout: {@code AAAAAAAA AAABBCCD EEEEFFGH}, A sync, C layer, E bitrate index,
     * F sample-rate index.
     */
    private static Optional<MediaFormat> frameSync(byte[] head) {
        if (head.length < FRAME_HEADER_BYTES || Byte.toUnsignedInt(head[0]) != SYNC_BYTE
                || (head[1] & SYNC_MASK) != SYNC_MASK) {
            return Optional.empty();
        }
        int layer = (head[1] >> 1) & 0b11;
        if ((head[1] & ADTS_SYNC_BIT) != 0 && layer == ADTS_LAYER) {
            return Optional.of(MediaFormat.AAC);
        }
        int bitrate = (head[2] >> 4) & 0b1111;
        int sampleRate = (head[2] >> 2) & 0b11;
        if (layer == MPEG_LAYER_III && bitrate != MPEG_BAD_BITRATE && sampleRate != MPEG_BAD_SAMPLE_RATE) {
            return Optional.of(MediaFormat.MP3);
        }
        return Optional.empty();
    }

    static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (offset < 0 || bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (startsWith(bytes, i, wanted)) {
                return i;
            }
        }
        return -1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
