package dev.chorus.client;

import java.util.HashMap;
import java.util.Map;

/**
 * Which groups need history after their last delivered seq, and which already have a page on its way. A
 * group catches up after every (re)connect, when a live message shows a gap, and until a page says there
 * is no more; a page that never comes is asked for again.
 */
final class CatchUp {

    private final int pageSize;
    private final long reaskNanos;
    /** Groups to ask for, with when their page was asked for; absent: nothing to ask. */
    private final Map<String, Long> asked = new HashMap<>();
    private final Map<String, Boolean> needed = new HashMap<>();

    CatchUp(int pageSize, long reaskNanos) {
        this.pageSize = pageSize;
        this.reaskNanos = reaskNanos;
    }

    /**
     * @return the request to send now for this group, or {@code null}: it is caught up, or a page is on its way
     */
    String next(String groupId, GroupLog group, long nowNanos) {
        if (group == null) {
            return null;
        }
        Long since = asked.get(groupId);
        boolean due = needed.getOrDefault(groupId, true) || group.hasGap();
        if (!due || since != null && nowNanos - since < reaskNanos) {
            return null;
        }
        asked.put(groupId, nowNanos);
        return Frames.frame("CHAT:GET_INIT_MESSAGES",
                Map.of("groupId", groupId, "afterSeq", group.delivered(), "limit", pageSize));
    }

    /** A page arrived and was taken: more to ask for if the server has more, or a gap is still open. */
    void answered(String groupId, boolean hasMore, GroupLog group) {
        asked.remove(groupId);
        needed.put(groupId, hasMore || group != null && group.hasGap());
    }

    void failed(String groupId) {
        asked.remove(groupId);
    }

    /** Every group resumes on the next connection; pages asked on the old one will never come. */
    void connectionLost() {
        asked.clear();
        needed.clear();
    }
}
