package dev.chorus.processor.topology;

/**
 * Keys of the history stores, as DESIGN.md gives them ({@code groupId|seq}, {@code groupId|senderId|
 * clientMessageId}), with {@code \} and {@code |} escaped inside each part. Ids are chosen by clients
 * and gateways and may contain {@code |}; unescaped, one group's range could reach into another's and
 * one sender's dedup entry could answer another sender's send.
 */
final class StoreKeys {

    private static final String SEPARATOR = "|";

    private StoreKeys() {
    }

    /** Zero-padded so that the store's byte order is seq order and a page is one range scan. */
    static String message(String groupId, long seq) {
        return escape(groupId) + SEPARATOR + String.format("%019d", seq);
    }

    static String dedup(String groupId, String senderId, String clientMessageId) {
        return escape(groupId) + SEPARATOR + escape(senderId) + SEPARATOR + escape(clientMessageId);
    }

    static String escape(String part) {
        return part.replace("\\", "\\\\").replace(SEPARATOR, "\\" + SEPARATOR);
    }
}
