package dev.chorus.processor.topology;

/**
 * Keys of the history stores, as DESIGN.md gives them ({@code groupId|seq}, {@code groupId|senderId|
 * clientMessageId}), with {@code \} and {@code |} escaped inside each part. Ids are chosen by clients
 * and gateways and may contain {@code |}; unescaped, one group's range could reach into another's and
 * one sender's dedup entry could answer another sender's send.
 */
final class StoreKeys {

    private static final String SEPARATOR = "|";
    /** As many digits as {@link Long#MAX_VALUE} has. */
    private static final int SEQ_DIGITS = 19;

    private StoreKeys() {
    }

    /**
     * Zero-padded so that the store's byte order is seq order and a page is one range scan. Padded by hand:
     * {@code String.format} was 3 % of the processor's profile at 1,000 messages a second.
     */
    static String message(String groupId, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("a seq is never negative: " + seq);
        }
        String digits = Long.toString(seq);
        return escape(groupId) + SEPARATOR + "0".repeat(SEQ_DIGITS - digits.length()) + digits;
    }

    static String dedup(String groupId, String senderId, String clientMessageId) {
        return escape(groupId) + SEPARATOR + escape(senderId) + SEPARATOR + escape(clientMessageId);
    }

    static String escape(String part) {
        return part.replace("\\", "\\\\").replace(SEPARATOR, "\\" + SEPARATOR);
    }
}
