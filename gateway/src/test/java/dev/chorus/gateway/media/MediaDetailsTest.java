package dev.chorus.gateway.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The header readers on the real fixtures, whose sizes and durations ffprobe confirms. */
class MediaDetailsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "image.png, PNG, 4, 2",
            "image.jpg, JPEG, 6, 4",
            "image.gif, GIF, 8, 6",
            "image.webp, WEBP, 10, 8",
            "image-lossless.webp, WEBP, 12, 10",
            "image-alpha.webp, WEBP, 14, 12"})
    void readsTheSizeOfEveryImageFormat(String fixture, MediaFormat format, int width, int height) throws IOException {
        assertThat(details(Fixtures.bytes(fixture), format)).isEqualTo(new MediaDetails(width, height, null));
    }

    @ParameterizedTest
    @CsvSource({
            "audio.wav, WAV, 250",
            "audio.ogg, OGG_OPUS, 500",
            "audio.m4a, MP4, 400"})
    void readsTheDurationWhereTheHeadersStateIt(String fixture, MediaFormat format, long durationMs)
            throws IOException {
        assertThat(details(Fixtures.bytes(fixture), format)).isEqualTo(new MediaDetails(null, null, durationMs));
    }

    @ParameterizedTest
    @CsvSource({"audio.mp3, MP3", "audio.aac, AAC", "audio.webm, WEBM"})
    void leavesOtherDurationsUnknown(String fixture, MediaFormat format) throws IOException {
        assertThat(details(Fixtures.bytes(fixture), format)).isEqualTo(MediaDetails.NONE);
    }

    @ParameterizedTest
    @CsvSource({
            "image.png, PNG, 20",
            "image.jpg, JPEG, 30",
            "image.gif, GIF, 8",
            "image.webp, WEBP, 27",
            "image-alpha.webp, WEBP, 26",
            "audio.wav, WAV, 30",
            "audio.ogg, OGG_OPUS, 20",
            "audio.m4a, MP4, 40"})
    void aTruncatedFileHasNoDetailsRatherThanWrongOnes(String fixture, MediaFormat format, int keep)
            throws IOException {
        assertThat(details(Arrays.copyOf(Fixtures.bytes(fixture), keep), format)).isEqualTo(MediaDetails.NONE);
    }

    @Test
    void aWavWhoseDataSizeWasNeverFilledInRunsToTheEndOfTheFile() throws IOException {
        byte[] wav = Fixtures.bytes("audio.wav");
        int data = indexOf(wav, "data");
        ByteBuffer.wrap(wav, data + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(-1);

        assertThat(details(wav, MediaFormat.WAV).durationMs()).isEqualTo(250L);
    }

    @Test
    void aJpegSegmentThatClaimsNoLengthEndsTheWalk() throws IOException {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThat(details(jpeg, MediaFormat.JPEG)).isEqualTo(MediaDetails.NONE);
    }

    private MediaDetails details(byte[] bytes, MediaFormat format) throws IOException {
        Path file = Files.write(dir.resolve("media"), bytes);
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            return MediaDetails.read(format, channel);
        }
    }

    private static int indexOf(byte[] bytes, String ascii) {
        byte[] wanted = MediaSniffer.ascii(ascii);
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (MediaSniffer.startsWith(bytes, i, wanted)) {
                return i;
            }
        }
        throw new IllegalArgumentException(ascii + " not found");
    }
}
