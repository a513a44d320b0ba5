package dev.chorus.gateway.media;

import dev.chorus.protocol.MessageKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The media types the gateway stores and serves: exactly the ones PROTOCOL.md lists. Anything else, SVG and
 * HTML above all (they run script in a browser), has no entry and so can never be stored.
 */
enum MediaFormat {
    PNG(Category.IMAGE, List.of("image/png"), List.of("png")),
    JPEG(Category.IMAGE, List.of("image/jpeg", "image/jpg", "image/pjpeg"), List.of("jpg", "jpeg", "jfif")),
    GIF(Category.IMAGE, List.of("image/gif"), List.of("gif")),
    WEBP(Category.IMAGE, List.of("image/webp"), List.of("webp")),
    OGG_OPUS(Category.AUDIO, List.of("audio/ogg", "audio/opus"), List.of("ogg", "oga", "opus")),
    MP3(Category.AUDIO, List.of("audio/mpeg", "audio/mp3"), List.of("mp3")),
    /** AAC (or any audio) in an MP4 container: what Safari records and .m4a files hold. */
    MP4(Category.AUDIO, List.of("audio/mp4", "audio/m4a", "audio/x-m4a"), List.of("m4a", "mp4")),
    /** Raw AAC in ADTS frames. */
    AAC(Category.AUDIO, List.of("audio/aac", "audio/aacp", "audio/x-aac"), List.of("aac")),
    WEBM(Category.AUDIO, List.of("audio/webm"), List.of("webm", "weba")),
    WAV(Category.AUDIO, List.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"), List.of("wav"));

    enum Category { IMAGE, AUDIO }

    private final Category category;
    private final List<String> mimeTypes;
    private final List<String> extensions;

    MediaFormat(Category category, List<String> mimeTypes, List<String> extensions) {
        this.category = category;
        this.mimeTypes = mimeTypes;
        this.extensions = extensions;
    }

    /** The one type the gateway stores and serves; the others are names clients also use for it. */
    String mimeType() {
        return mimeTypes.get(0);
    }

    /** Whether a message of this kind may carry media of this format: GIF messages take GIFs only. */
    boolean fits(MessageKind kind) {
        if (kind == MessageKind.GIF) {
            return this == GIF;
        }
        if (kind == MessageKind.IMAGE) {
            return category == Category.IMAGE;
        }
        return kind == MessageKind.AUDIO && category == Category.AUDIO;
    }

    /**
     * The format a declared {@code Content-Type} names. Parameters ({@code ; codecs=opus}) and case do not
     * matter; anything that is not one of our types, {@code application/octet-stream} included, names none.
     */
    static Optional<MediaFormat> declared(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip()
                .toLowerCase(Locale.ROOT);
        for (MediaFormat format : values()) {
            if (format.mimeTypes.contains(type)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format a file extension (without the dot, any case) usually means. */
    static Optional<MediaFormat> byExtension(String extension) {
        String wanted = extension.toLowerCase(Locale.ROOT);
        for (MediaFormat format : values()) {
            if (format.extensions.contains(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    static Optional<MediaFormat> byMimeType(String mimeType) {
        return declared(mimeType);
    }
}
