package dev.chorus.gateway.media;

import dev.chorus.protocol.MessageKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaFormatTest {

    @Test
    void aDeclaredTypeIsReadWithoutParametersOrCase() {
        assertThat(MediaFormat.declared("audio/webm;codecs=opus")).contains(MediaFormat.WEBM);
        assertThat(MediaFormat.declared(" IMAGE/PNG ")).contains(MediaFormat.PNG);
        assertThat(MediaFormat.declared("audio/x-wav")).contains(MediaFormat.WAV);
        assertThat(MediaFormat.declared("image/jpg")).contains(MediaFormat.JPEG);
    }

    @Test
    void declaresNothingForOtherTypes() {
        assertThat(MediaFormat.declared(null)).isEmpty();
        assertThat(MediaFormat.declared("image/svg+xml")).isEmpty();
        assertThat(MediaFormat.declared("text/html")).isEmpty();
        assertThat(MediaFormat.declared("application/octet-stream")).isEmpty();
        assertThat(MediaFormat.declared("video/mp4")).isEmpty();
    }

    @Test
    void imagesFitImageMessagesGifsFitGifMessagesAudioFitsAudio() {
        assertThat(MediaFormat.PNG.fits(MessageKind.IMAGE)).isTrue();
        assertThat(MediaFormat.GIF.fits(MessageKind.IMAGE)).isTrue();
        assertThat(MediaFormat.GIF.fits(MessageKind.GIF)).isTrue();
        assertThat(MediaFormat.WEBP.fits(MessageKind.GIF)).isFalse();
        assertThat(MediaFormat.WAV.fits(MessageKind.AUDIO)).isTrue();
        assertThat(MediaFormat.WAV.fits(MessageKind.IMAGE)).isFalse();
        assertThat(MediaFormat.PNG.fits(MessageKind.AUDIO)).isFalse();
        assertThat(MediaFormat.PNG.fits(MessageKind.TEXT)).isFalse();
    }

    @Test
    void extensionsNameFormats() {
        assertThat(MediaFormat.byExtension("JPEG")).contains(MediaFormat.JPEG);
        assertThat(MediaFormat.byExtension("opus")).contains(MediaFormat.OGG_OPUS);
        assertThat(MediaFormat.byExtension("m4a")).contains(MediaFormat.MP4);
        assertThat(MediaFormat.byExtension("svg")).isEmpty();
    }
}
