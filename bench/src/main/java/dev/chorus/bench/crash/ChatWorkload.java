package dev.chorus.bench.crash;

import dev.chorus.bench.check.HistoryChecker;
import dev.chorus.client.ChatMessage;
import dev.chorus.client.ChorusClient;
import dev.chorus.client.ClientSettings;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Chat under faults: {@code groups} groups of {@code members} {@link ChorusClient}s each, spread over the
 * gateways, every member sending a numbered text at a fixed pace with a cap on unacknowledged sends. It
 * keeps what every member saw (and when), what every sender was told, and when each text was first sent,
 * so that afterwards {@link #verdict()} can prove the histories and the recovery times can be read off.
 */
public final class ChatWorkload implements AutoCloseable {

    /** One client; {@code firstGateway} is the index of the gateway it connects to first. */
    public record Member(int index, String groupId, String userId, int firstGateway, ChorusClient client,
                         List<ChatMessage> seen, List<Long> seenAt, List<ChatMessage> acknowledged,
                         ConcurrentLinkedQueue<CompletableFuture<ChatMessage>> sends) {

        /** The list only grows, so its last element at a size read a moment ago is still there. */
        long lastSeq() {
            int size = seen.size();
            return size == 0 ? 0 : seen.get(size - 1).seq();
        }
    }

    private final List<Member> members = new ArrayList<>();
    private final Map<String, Long> firstSentAt = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private ScheduledExecutorService senders;

    private ChatWorkload() {
    }

    /**
     * Connects every member, the first of each group creating it and the others joining it.
     *
     * @param tokenFor a valid token for a user id
     */
    public static ChatWorkload join(List<URI> gateways, Function<String, String> tokenFor, int groups, int members)
            throws Exception {
        ChatWorkload workload = new ChatWorkload();
        for (int g = 0; g < groups; g++) {
            String groupId = null;
            for (int m = 0; m < members; m++) {
                int index = g * members + m;
                String userId = "u" + index;
                int first = index % gateways.size();
                List<URI> order = new ArrayList<>(gateways.subList(first, gateways.size()));
                order.addAll(gateways.subList(0, first));
                String token = tokenFor.apply(userId);
                List<ChatMessage> seen = new CopyOnWriteArrayList<>();
                List<Long> seenAt = new CopyOnWriteArrayList<>();
                ChorusClient client = ChorusClient.start(ClientSettings.of(order, () -> token), message -> {
                    seenAt.add(System.nanoTime());
                    seen.add(message);
                });
                if (m == 0) {
                    groupId = client.createGroup("group-" + g).get(60, TimeUnit.SECONDS);
                } else {
                    client.joinGroup(groupId).get(60, TimeUnit.SECONDS);
                }
                workload.members.add(new Member(index, groupId, userId, first, client, seen, seenAt,
                        new CopyOnWriteArrayList<>(), new ConcurrentLinkedQueue<>()));
            }
        }
        return workload;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** Every member sends a text every {@code every}, skipping a beat while {@code maxUnacknowledged} wait. */
    public void startSending(Duration every, int maxUnacknowledged) {
        senders = Executors.newScheduledThreadPool(2);
        for (Member member : members) {
            senders.scheduleAtFixedRate(() -> send(member, maxUnacknowledged), 0, every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public void stopSending() throws InterruptedException {
        senders.shutdownNow();
        senders.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Waits until every send is answered and every member has every message of its group. */
    public void awaitSettled(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        until(deadline, () -> members.stream().allMatch(m -> m.sends().stream().allMatch(CompletableFuture::isDone)),
                "sends still unanswered");
        until(deadline, () -> members.stream().allMatch(m -> m.seen().size() >= highestSeq(m.groupId())),
                "members still catching up");
    }

    private static void until(long deadline, BooleanSupplier condition, String what)
            throws InterruptedException, TimeoutException {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Sends the workload's texts that were refused rather than stored (there should be none). */
    public int refusedSends() {
        return refused.get();
    }

    /** The checker's verdict over every group. */
    public HistoryChecker.Verdict verdict() {
        HistoryChecker checker = new HistoryChecker();
        for (String groupId : groupIds()) {
            Map<String, List<ChatMessage>> seen = new LinkedHashMap<>();
            List<ChatMessage> acknowledged = new ArrayList<>();
            inGroup(groupId).forEach(m -> {
                seen.put(m.userId(), List.copyOf(m.seen()));
                acknowledged.addAll(m.acknowledged());
            });
            checker.group(groupId, seen, acknowledged);
        }
        return checker.verdict();
    }

    /**
     * How long after {@code atNanos} every group had delivered (to its first member) a text first sent at
     * or after {@code atNanos}: the time until delivery resumed everywhere after a fault.
     */
    public Duration resumedAfter(long atNanos) {
        long latest = 0;
        for (String groupId : groupIds()) {
            Member first = inGroup(groupId).findFirst().orElseThrow();
            List<ChatMessage> seen = List.copyOf(first.seen());
            List<Long> at = List.copyOf(first.seenAt());
            long resumed = -1;
            for (int i = 0; i < Math.min(seen.size(), at.size()) && resumed < 0; i++) {
                Long sent = firstSentAt.get(seen.get(i).senderId() + "|" + seen.get(i).text());
                if (sent != null && sent >= atNanos) {
                    resumed = at.get(i) - atNanos;
                }
            }
            if (resumed < 0) {
                return Duration.ofNanos(Long.MAX_VALUE); // not resumed (yet)
            }
            latest = Math.max(latest, resumed);
        }
        return Duration.ofNanos(latest);
    }

    /** Over every group's first member, the longest gap between two deliveries in {@code window} after a time. */
    public Duration longestStall(long fromNanos, Duration window) {
        long longest = 0;
        long until = fromNanos + window.toNanos();
        for (String groupId : groupIds()) {
            long previous = fromNanos;
            for (long at : inGroup(groupId).findFirst().orElseThrow().seenAt()) {
                if (at > fromNanos && at < until) {
                    longest = Math.max(longest, at - previous);
                    previous = at;
                }
            }
        }
        return Duration.ofNanos(longest);
    }

    /**
     * Watches the members that were connected to gateway {@code gateway} when it died at {@code diedAt}: for
     * each, the time until it was connected again, and the time until it had then delivered every message
     * its group had at that moment (its gap filled). Polls every 10 ms; blocks until all have caught up or
     * {@code timeout}.
     */
    public CatchUp watchCatchUp(int gateway, long diedAt, Duration timeout) throws InterruptedException {
        List<Member> cut = members.stream().filter(m -> m.firstGateway() == gateway).toList();
        int n = cut.size();
        long[] reconnectsBefore = new long[n];
        long[] target = new long[n];
        for (int i = 0; i < n; i++) {
            reconnectsBefore[i] = cut.get(i).client().reconnects();
            target[i] = -1;
        }
        List<Long> reconnected = new ArrayList<>();
        List<Long> caughtUp = new ArrayList<>();
        boolean[] isCaughtUp = new boolean[n];
        long deadline = diedAt + timeout.toNanos();
        while (caughtUp.size() < n && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Member m = cut.get(i);
                if (target[i] < 0 && m.client().reconnects() > reconnectsBefore[i] && m.client().isConnected()) {
                    target[i] = inGroup(m.groupId()).mapToLong(Member::lastSeq).max().orElse(0);
                    reconnected.add(now - diedAt);
                }
                if (target[i] >= 0 && !isCaughtUp[i] && m.lastSeq() >= target[i]) {
                    isCaughtUp[i] = true;
                    caughtUp.add(now - diedAt);
                }
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return new CatchUp(n, List.copyOf(reconnected), List.copyOf(caughtUp));
    }

    /** Times in nanoseconds after a gateway died, over the {@code clients} that were connected to it. */
    public record CatchUp(int clients, List<Long> reconnected, List<Long> caughtUp) {

        public String line() {
            return clients + " clients: reconnected after " + spread(reconnected) + ", caught up after "
                    + spread(caughtUp) + (caughtUp.size() < clients ? " (" + (clients - caughtUp.size())
                    + " did not catch up in time)" : "");
        }

        private static String spread(List<Long> nanos) {
            if (nanos.isEmpty()) {
                return "-";
            }
            List<Long> sorted = nanos.stream().sorted().toList();
            return "median " + sorted.get(sorted.size() / 2) / 1_000_000 + " ms, max "
                    + sorted.get(sorted.size() - 1) / 1_000_000 + " ms";
        }
    }

    private void send(Member member, int maxUnacknowledged) {
        if (member.sends().stream().filter(s -> !s.isDone()).count() >= maxUnacknowledged) {
            return;
        }
        String text = member.userId() + " #" + member.sends().size();
        firstSentAt.put(member.userId() + "|" + text, System.nanoTime());
        CompletableFuture<ChatMessage> send = member.client().sendText(member.groupId(), text);
        member.sends().add(send);
        send.whenComplete((stored, error) -> {
            if (error != null) {
                refused.incrementAndGet();
                System.err.println(member.userId() + " send refused: " + error);
            } else {
                member.acknowledged().add(stored);
            }
        });
    }

    private List<String> groupIds() {
        return members.stream().map(Member::groupId).distinct().toList();
    }

    private Stream<Member> inGroup(String groupId) {
        return members.stream().filter(m -> m.groupId().equals(groupId));
    }

    private long highestSeq(String groupId) {
        return inGroup(groupId).flatMap(m -> Stream.concat(m.seen().stream(), m.acknowledged().stream()))
                .mapToLong(ChatMessage::seq).max().orElse(0);
    }

    @Override
    public void close() {
        members.forEach(m -> m.client().close());
    }
}
