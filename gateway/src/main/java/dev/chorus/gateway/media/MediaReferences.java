package dev.chorus.gateway.media;

import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Media;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the {@code mediaId} or {@code url} of an image, audio or GIF send into the {@link Media} reference
 * the command carries: Kafka gets the URL and what is known of the bytes, never the bytes.
 */
public final class MediaReferences {

    private static final Logger log = LoggerFactory.getLogger(MediaReferences.class);

    /** The type of a linked file whose URL does not say: the most common one of each kind. */
    static final Map<MessageKind, String> LINKED_DEFAULT_TYPES = Map.of(
            MessageKind.IMAGE, MediaFormat.JPEG.mimeType(),
            MessageKind.AUDIO, MediaFormat.MP3.mimeType(),
            MessageKind.GIF, MediaFormat.GIF.mimeType());

    /** A send's media: either the reference to post, or the problem to answer. */
    public sealed interface Resolution {
    }

    public record Resolved(Media media) implements Resolution {
    }

    public record Refused(Problem problem) implements Resolution {
    }

    private final MediaStore store;

    MediaReferences(MediaStore store) {
        this.store = store;
    }

    public Resolution resolve(ClientRequest.SendMessageMedia send, String userId) {
        return send.mediaId() != null
                ? uploaded(send.kind(), send.mediaId(), userId)
                : linked(send.kind(), send.url());
    }

    /** Someone else's upload answers as an unknown one does: ids are not to be probed. */
    private Resolution uploaded(MessageKind kind, String mediaId, String userId) {
        Optional<StoredMedia> found;
        try {
            found = store.find(mediaId);
        } catch (IOException e) {
            log.warn("could not read media {} for {}: {}", mediaId, userId, e.toString());
            return new Refused(new Problem(ErrorCode.INTERNAL, "the media store could not be read; retry later"));
        }
        if (found.isEmpty() || !found.get().ownerId().equals(userId)) {
            return new Refused(new Problem(ErrorCode.NOT_FOUND, "no media " + mediaId + " uploaded by you"));
        }
        StoredMedia media = found.get();
        boolean fits = MediaFormat.byMimeType(media.mimeType()).map(format -> format.fits(kind)).orElse(false);
        if (!fits) {
            return new Refused(Problem.badRequest("media " + mediaId + " is " + media.mimeType() + ", which "
                    + kind.sendType().wireName() + " cannot carry"));
        }
        return new Resolved(media.toMedia());
    }

    /**
     * The URL is not fetched (the gateway makes no requests on a client's behalf), so only its extension can
     * tell the type; size, dimensions and duration stay unknown.
     */
    private static Resolution linked(MessageKind kind, String url) {
        Optional<MediaFormat> format;
        try {
            format = extension(new URI(url).getPath()).flatMap(MediaFormat::byExtension);
        } catch (URISyntaxException e) {
            return new Refused(Problem.badRequest("url is not a valid URL: " + e.getReason()));
        }
        if (format.isPresent() && !format.get().fits(kind)) {
            return new Refused(Problem.badRequest("url names a " + format.get().mimeType() + " file, which "
                    + kind.sendType().wireName() + " cannot carry"));
        }
        String mimeType = format.map(MediaFormat::mimeType).orElse(LINKED_DEFAULT_TYPES.get(kind));
        return new Resolved(new Media(url, mimeType, null, null, null, null));
    }

    private static Optional<String> extension(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? Optional.empty()
                : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
