package dev.chorus.protocol;

/** A reference to media bytes stored outside Kafka; records never carry the bytes themselves. */
public record Media(String url, String mimeType, Long sizeBytes, Integer width, Integer height, Long durationMs) {
}
