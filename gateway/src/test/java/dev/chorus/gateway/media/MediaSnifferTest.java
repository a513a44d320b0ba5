package dev.chorus.gateway.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class MediaSnifferTest {

    @ParameterizedTest
    @CsvSource({
            "image.png, PNG",
            "image.jpg, JPEG",
            "image.gif, GIF",
            "image.webp, WEBP",
            "image-lossless.webp, WEBP",
            "image-alpha.webp, WEBP",
            "audio.ogg, OGG_OPUS",
            "audio.mp3, MP3",
            "audio.m4a, MP4",
            "audio.aac, AAC",
            "audio.webm, WEBM",
            "audio.wav, WAV"})
    void recognizesEveryAcceptedFormatFromItsBytes(String fixture, MediaFormat expected) {
        assertThat(MediaSniffer.sniff(Fixtures.bytes(fixture))).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image.svg", "page.html", "garbage.bin"})
    void recognizesNothingElse(String fixture) {
        assertThat(MediaSniffer.sniff(Fixtures.bytes(fixture))).isEmpty();
    }

    @Test
    void refusesLookalikes() {
        assertThat(MediaSniffer.sniff(new byte[0])).isEmpty();
        assertThat(MediaSniffer.sniff(Arrays.copyOf(Fixtures.bytes("image.png"), 4))).as("half a PNG signature")
                .isEmpty();
        assertThat(MediaSniffer.sniff(ascii("RIFF\0\0\0\0AVI LIST"))).as("AVI").isEmpty();
        assertThat(MediaSniffer.sniff(ascii("\0\0\0\u0018ftypheic\0\0\0\0mif1heic"))).as("HEIC").isEmpty();
        assertThat(MediaSniffer.sniff(ascii("\u00ff\u00fe<\0s\0v\0g\0"))).as("UTF-16 SVG").isEmpty();
        assertThat(MediaSniffer.sniff(ascii("<?xml version=\"1.0\"?><svg/>"))).isEmpty();
    }

    @Test
    void anOggStreamMustBeOpus() {
        byte[] vorbis = Fixtures.bytes("audio.ogg");
        System.arraycopy(ascii("\u0001vorbis\0"), 0, vorbis, 28, 8);

        assertThat(MediaSniffer.sniff(vorbis)).isEmpty();
    }

    @Test
    void anEbmlFileMustBeWebmNotMatroska() {
        byte[] webm = Fixtures.bytes("audio.webm");
        String header = new String(webm, 0, 64, StandardCharsets.ISO_8859_1);
        byte[] matroska = header.replace("\u0084webm", "\u0084mkvx").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(MediaSniffer.sniff(matroska)).isEmpty();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
