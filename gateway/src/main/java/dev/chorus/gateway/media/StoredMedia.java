package dev.chorus.gateway.media;

import dev.chorus.protocol.Media;

import java.time.Instant;

/**
 * What a store keeps beside an upload's bytes, so that any gateway sharing the store can serve it and turn
 * its id into a {@link Media} reference.
 *
 * @param ownerId the uploader: only they may send it by id
 * @param url     the absolute URL the bytes are served at, fixed at upload
 */
public record StoredMedia(String mediaId, String ownerId, String url, String mimeType, long sizeBytes,
                          Integer width, Integer height, Long durationMs, Instant uploadedAt) {

    public Media toMedia() {
        return new Media(url, mimeType, sizeBytes, width, height, durationMs);
    }
}
