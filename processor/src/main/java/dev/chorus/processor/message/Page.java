package dev.chorus.processor.message;

/**
 * Which slice of a group's history a page request means, worked out from the last seq alone: seqs run
 * from 1 to the last with no gaps (messages are never removed one by one), so counting is arithmetic and
 * the store is read with one range scan.
 *
 * @param fromSeq first seq of the page, inclusive
 * @param toSeq   last seq of the page, inclusive; below {@code fromSeq} when the page is empty
 * @param hasMore whether more messages lie beyond the page in the direction being paged: older ones for
 *                the latest page and pages before a seq, newer ones for pages after a seq
 */
public record Page(long fromSeq, long toSeq, boolean hasMore) {

    /**
     * @param limit     page size, already validated
     * @param beforeSeq page just before this seq, or {@code null}
     * @param afterSeq  page just after this seq, or {@code null}; at most one of the two is set
     */
    public static Page of(long lastSeq, int limit, Long beforeSeq, Long afterSeq) {
        if (beforeSeq != null && afterSeq != null) {
            throw new IllegalArgumentException("beforeSeq and afterSeq are exclusive");
        }
        if (afterSeq != null) {
            return after(lastSeq, afterSeq, limit);
        }
        if (beforeSeq != null) {
            return before(lastSeq, beforeSeq, limit);
        }
        return latest(lastSeq, limit);
    }

    public static Page latest(long lastSeq, int limit) {
        return endingAt(lastSeq, limit);
    }

    public static Page before(long lastSeq, long beforeSeq, int limit) {
        return endingAt(Math.min(beforeSeq - 1, lastSeq), limit);
    }

    public static Page after(long lastSeq, long afterSeq, int limit) {
        requirePositive(limit);
        if (afterSeq >= lastSeq) {
            // nothing newer; also keeps afterSeq + 1 from overflowing on absurd cursors
            return new Page(lastSeq + 1, lastSeq, false);
        }
        long to = Math.min(lastSeq, afterSeq + limit);
        return new Page(afterSeq + 1, to, to < lastSeq);
    }

    public boolean isEmpty() {
        return fromSeq > toSeq;
    }

    private static Page endingAt(long to, int limit) {
        requirePositive(limit);
        long from = Math.max(1, to - limit + 1);
        return new Page(from, to, from > 1);
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }
}
