package dev.chorus.gateway.media;

import dev.chorus.protocol.MessageKind;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * What is cheap to learn from a file's headers: an image's size, an audio clip's duration. {@code null} where
 * the format does not make it cheap or the headers do not say.
 */
record MediaDetails(Integer width, Integer height, Long durationMs) {

    static final MediaDetails NONE = new MediaDetails(null, null, null);

    static MediaDetails read(MediaFormat format, SeekableByteChannel channel) throws IOException {
        ChannelBytes bytes = new ChannelBytes(channel);
        if (format.fits(MessageKind.IMAGE)) {
            return ImageDimensions.read(format, bytes)
                    .map(size -> new MediaDetails(size.width(), size.height(), null))
                    .orElse(NONE);
        }
        return AudioDuration.read(format, bytes).map(ms -> new MediaDetails(null, null, ms)).orElse(NONE);
    }
}
