package dev.chorus.bench.check;

import dev.chorus.client.ChatMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every member of a group saw, against what every sender was told: the group's history is seq 1..N
 * with no gap, every acknowledged send is in it exactly once, and each member saw exactly that history in
 * order. Used by the end-to-end crash test and by the crash scenario against real processes.
 */
public final class HistoryChecker {

    public record Verdict(long messages, long lost, long duplicated, long outOfOrder, List<String> problems) {

        public boolean clean() {
            return lost == 0 && duplicated == 0 && outOfOrder == 0 && problems.isEmpty();
        }

        public String line() {
            return messages + " messages, " + lost + " lost, " + duplicated + " duplicated, " + outOfOrder
                    + " out of order";
        }
    }

    private long messages;
    private long lost;
    private long duplicated;
    private long outOfOrder;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param seenByMember each member's deliveries, in the order the application got them
     * @param acknowledged the stored message each acknowledged send was answered with
     */
    public void group(String groupId, Map<String, List<ChatMessage>> seenByMember, Collection<ChatMessage> acknowledged) {
        TreeMap<Long, ChatMessage> history = new TreeMap<>();
        seenByMember.values().forEach(seen -> seen.forEach(m -> history.putIfAbsent(m.seq(), m)));
        acknowledged.forEach(m -> history.putIfAbsent(m.seq(), m));
        long n = history.isEmpty() ? 0 : history.lastKey();
        messages += n;
        for (long seq = 1; seq <= n; seq++) {
            if (!history.containsKey(seq)) {
                lost++;
                problems.add(groupId + ": seq " + seq + " reached nobody");
            }
        }
        Map<String, Long> seqOfSend = new HashMap<>();
        for (ChatMessage m : history.values()) {
            if (m.clientMessageId() != null) {
                Long earlier = seqOfSend.putIfAbsent(m.senderId() + "/" + m.clientMessageId(), m.seq());
                if (earlier != null) {
                    duplicated++;
                    problems.add(groupId + ": send " + m.clientMessageId() + " stored at " + earlier + " and " + m.seq());
                }
            }
        }
        for (ChatMessage ack : acknowledged) {
            ChatMessage stored = history.get(ack.seq());
            if (stored == null || !stored.id().equals(ack.id()) || !ack.clientMessageId().equals(stored.clientMessageId())) {
                lost++;
                problems.add(groupId + ": acknowledged send " + ack.clientMessageId() + " is not at seq " + ack.seq());
            }
        }
        seenByMember.forEach((member, seen) -> member(groupId, member, seen, history, n));
    }

    private void member(String groupId, String member, List<ChatMessage> seen, Map<Long, ChatMessage> history, long n) {
        Set<Long> had = new HashSet<>();
        long previous = 0;
        for (ChatMessage m : seen) {
            if (!had.add(m.seq())) {
                duplicated++;
                problems.add(groupId + ": " + member + " got seq " + m.seq() + " twice");
            } else if (m.seq() != previous + 1) {
                outOfOrder++;
                problems.add(groupId + ": " + member + " got seq " + m.seq() + " after " + previous);
            }
            if (!m.id().equals(history.get(m.seq()).id())) {
                problems.add(groupId + ": " + member + " saw another message at seq " + m.seq());
            }
            previous = m.seq();
        }
        for (long seq = 1; seq <= n; seq++) {
            if (!had.contains(seq)) {
                lost++;
                problems.add(groupId + ": " + member + " never got seq " + seq);
            }
        }
    }

    public Verdict verdict() {
        return new Verdict(messages, lost, duplicated, outOfOrder, List.copyOf(problems));
    }
}
