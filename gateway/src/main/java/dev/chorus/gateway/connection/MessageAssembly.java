package dev.chorus.gateway.connection;

/**
 * Joins one client message from the parts the container hands over, and holds it to the frame limit in UTF-8
 * bytes.
 *
 * <p>The container allocates its message buffers for every connection when the connection opens. To keep an
 * idle connection small those buffers are small (see {@link WebSocketConfiguration}), so a message longer
 * than them arrives in parts, and the container no longer enforces the limit: this class does. Most frames
 * fit in one part and are passed through without a copy; only a longer one is built up, and the builder is
 * dropped as soon as the message is complete.
 *
 * <p>There is one per connection. The container hands over one connection's parts one at a time, in order.
 */
final class MessageAssembly {

    /** What the part just given did. */
    enum Progress {
        /** More parts are to come. */
        INCOMPLETE,
        /** That was the last part: {@link #take()} returns the whole text message. */
        COMPLETE,
        /** The message passed the limit. Everything after it is ignored, as the connection is being closed. */
        TOO_LARGE
    }

    /** The most UTF-8 bytes one UTF-16 char can take. */
    private static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    private final int maxBytes;
    /** The parts of the text message so far; null when it has one part, or between messages. */
    private StringBuilder parts;
    /** The complete text message, until taken. */
    private String complete;
    /** UTF-8 bytes of the current message so far, text or binary. */
    private long bytes;
    private boolean tooLarge;

    MessageAssembly(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    Progress text(String part, boolean last) {
        if (tooLarge) {
            return Progress.TOO_LARGE;
        }
        if (parts == null && last) {
            // the usual case, a message in one part: counted only if it could be over the limit
            if ((long) part.length() * MAX_UTF8_BYTES_PER_CHAR > maxBytes && utf8Length(part) > maxBytes) {
                return refuse();
            }
            complete = part;
            return Progress.COMPLETE;
        }
        bytes += utf8Length(part);
        if (bytes > maxBytes) {
            return refuse();
        }
        if (parts == null) {
            parts = new StringBuilder(part.length() * 2);
        }
        parts.append(part);
        if (!last) {
            return Progress.INCOMPLETE;
        }
        complete = parts.toString();
        parts = null;
        bytes = 0;
        return Progress.COMPLETE;
    }

    /** A binary message is never read, only counted: it is refused once it is complete, or closed past the limit. */
    Progress binary(int partBytes, boolean last) {
        if (tooLarge) {
            return Progress.TOO_LARGE;
        }
        bytes += partBytes;
        if (bytes > maxBytes) {
            return refuse();
        }
        if (!last) {
            return Progress.INCOMPLETE;
        }
        bytes = 0;
        return Progress.COMPLETE;
    }

    /** The text message the last {@link Progress#COMPLETE} finished; the assembly lets go of it. */
    String take() {
        String message = complete;
        complete = null;
        return message;
    }

    private Progress refuse() {
        tooLarge = true;
        parts = null;
        complete = null;
        return Progress.TOO_LARGE;
    }

    /**
     * Bytes in UTF-8. Each half of a surrogate pair counts 2, so a pair (4 bytes) counts right even when the
     * container splits it between two parts.
     */
    static long utf8Length(CharSequence text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : MAX_UTF8_BYTES_PER_CHAR;
        }
        return length;
    }
}
