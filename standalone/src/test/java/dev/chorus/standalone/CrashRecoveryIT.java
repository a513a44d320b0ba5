package dev.chorus.standalone;

import dev.chorus.client.ChatMessage;
import dev.chorus.client.ChorusClient;
import dev.chorus.client.ClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise under faults: 20 clients in 5 groups over 2 gateways send without pause while a processor
 * is killed (SIGKILL) three times, a broker once and a gateway once, each restarted. Then every group's
 * history must be seq 1..N, hold every acknowledged send once, and be what each member saw, in order.
 */
class CrashRecoveryIT {

    private static final int GROUPS = 5;
    private static final int MEMBERS = 4;
    private static final Duration SEND_EVERY = Duration.ofMillis(500);
    private static final int MAX_UNACKNOWLEDGED = 10;

    @TempDir
    Path dataDir;

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger failedSends = new AtomicInteger();
    /** When each group's first member got each message: the gaps show how long a fault stalled a group. */
    private final Map<String, List<Long>> deliveredAt = new java.util.concurrent.ConcurrentHashMap<>();

    private record Member(String groupId, String userId, ChorusClient client, List<ChatMessage> seen,
                          List<ChatMessage> acknowledged, ConcurrentLinkedQueue<CompletableFuture<ChatMessage>> sends) {
    }

    private record Fault(String what, long atNanos) {
    }

    @Test
    void noAcknowledgedMessageIsLostDuplicatedOrReorderedWhileInstancesCrash() throws Exception {
        try (FaultCluster chorus = new FaultCluster(dataDir, 2, 2)) {
            List<Member> members = join(chorus);
            ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
            long started = System.nanoTime();
            try {
                for (Member member : members) {
                    senders.scheduleAtFixedRate(() -> send(member), 0, SEND_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                }
                chaos(chorus);
            } finally {
                senders.shutdownNow();
                senders.awaitTermination(10, TimeUnit.SECONDS);
            }
            long sending = System.nanoTime() - started;

            // every send ends acknowledged (or refused, which fails the test); every member catches up
            await().atMost(Duration.ofSeconds(120)).until(() -> members.stream().allMatch(m -> m.sends().stream()
                    .allMatch(CompletableFuture::isDone)));
            await().atMost(Duration.ofSeconds(120)).until(() -> members.stream().allMatch(m ->
                    m.seen().size() >= highest(members, m.groupId())));

            HistoryChecker checker = new HistoryChecker();
            for (int g = 0; g < GROUPS; g++) {
                String groupId = members.get(g * MEMBERS).groupId();
                Map<String, List<ChatMessage>> seen = new LinkedHashMap<>();
                List<ChatMessage> acknowledged = new ArrayList<>();
                members.stream().filter(m -> m.groupId().equals(groupId)).forEach(m -> {
                    seen.put(m.userId(), List.copyOf(m.seen()));
                    acknowledged.addAll(m.acknowledged());
                });
                checker.group(groupId, seen, acknowledged);
            }
            HistoryChecker.Verdict verdict = checker.verdict();
            System.out.println("CrashRecoveryIT: " + verdict.line() + " in " + Duration.ofNanos(sending).toSeconds()
                    + " s of sending; " + failedSends.get() + " sends refused; faults " + faults.stream()
                    .map(f -> f.what() + "@" + Duration.ofNanos(f.atNanos() - started).toMillis() + "ms").toList());
            faults.stream().filter(f -> f.what().startsWith("kill")).forEach(f -> System.out.println(
                    "CrashRecoveryIT: after " + f.what() + ", the longest a group waited for its next message: "
                            + longestStall(f.atNanos()).toMillis() + " ms"));
            members.forEach(m -> m.client().close());
            assertThat(verdict.problems()).as(verdict.line()).isEmpty();
            assertThat(verdict.clean()).as(verdict.line()).isTrue();
            assertThat(failedSends).hasValue(0);
            assertThat(verdict.messages()).isGreaterThan(500);
        }
    }

    private List<Member> join(FaultCluster chorus) throws Exception {
        List<Member> members = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            String groupId = null;
            for (int m = 0; m < MEMBERS; m++) {
                int index = g * MEMBERS + m;
                String userId = "u" + index;
                int first = index % 2;
                String token = chorus.token(userId);
                List<ChatMessage> seen = new CopyOnWriteArrayList<>();
                List<Long> times = m == 0 ? new CopyOnWriteArrayList<>() : null;
                ChorusClient client = ChorusClient.start(ClientSettings.of(
                        List.of(chorus.gatewayUri(first), chorus.gatewayUri(1 - first)), () -> token), message -> {
                    seen.add(message);
                    if (times != null) {
                        times.add(System.nanoTime());
                    }
                });
                if (m == 0) {
                    groupId = client.createGroup("group-" + g).get(60, TimeUnit.SECONDS);
                    deliveredAt.put(groupId, times);
                } else {
                    client.joinGroup(groupId).get(60, TimeUnit.SECONDS);
                }
                members.add(new Member(groupId, userId, client, seen, new CopyOnWriteArrayList<>(),
                        new ConcurrentLinkedQueue<>()));
            }
        }
        return members;
    }

    private void send(Member member) {
        long waiting = member.sends().stream().filter(s -> !s.isDone()).count();
        if (waiting >= MAX_UNACKNOWLEDGED) {
            return;
        }
        int n = member.sends().size();
        CompletableFuture<ChatMessage> send = member.client().sendText(member.groupId(), member.userId() + " #" + n);
        member.sends().add(send);
        send.whenComplete((stored, error) -> {
            if (error != null) {
                failedSends.incrementAndGet();
                System.err.println(member.userId() + " send refused: " + error);
            } else {
                member.acknowledged().add(stored);
            }
        });
    }

    private void chaos(FaultCluster chorus) throws InterruptedException {
        pause(8);
        fault("kill processor 0", () -> chorus.killProcessor(0));
        pause(4);
        fault("start processor 0", () -> chorus.launchProcessor(0));
        pause(4);
        fault("kill broker 3", () -> chorus.killBroker(2));
        pause(6);
        fault("restart broker 3", () -> chorus.restartBroker(2));
        chorus.awaitProcessor(0);
        pause(4);
        fault("kill processor 1", () -> chorus.killProcessor(1));
        pause(4);
        fault("start processor 1", () -> chorus.launchProcessor(1));
        pause(4);
        fault("kill gateway 1", () -> chorus.killGateway(1));
        pause(4);
        fault("start gateway 1", () -> chorus.startGateway(1));
        chorus.awaitProcessor(1);
        pause(4);
        fault("kill processor 0", () -> chorus.killProcessor(0));
        pause(4);
        fault("start processor 0", () -> chorus.launchProcessor(0));
        chorus.awaitProcessor(0);
        pause(6);
    }

    private void fault(String what, Runnable action) {
        faults.add(new Fault(what, System.nanoTime()));
        System.out.println("CrashRecoveryIT: " + what);
        action.run();
    }

    private static void pause(int seconds) throws InterruptedException {
        TimeUnit.SECONDS.sleep(seconds);
    }

    /** Over every group, the longest gap between two deliveries in the 40 s after {@code fromNanos}. */
    private Duration longestStall(long fromNanos) {
        long longest = 0;
        long until = fromNanos + Duration.ofSeconds(40).toNanos();
        for (List<Long> times : deliveredAt.values()) {
            long previous = fromNanos;
            for (long at : times) {
                if (at > fromNanos && at < until) {
                    longest = Math.max(longest, at - previous);
                    previous = at;
                }
            }
        }
        return Duration.ofNanos(longest);
    }

    private static long highest(List<Member> members, String groupId) {
        return members.stream().filter(m -> m.groupId().equals(groupId))
                .flatMap(m -> java.util.stream.Stream.concat(m.seen().stream(), m.acknowledged().stream()))
                .mapToLong(ChatMessage::seq).max().orElse(0);
    }
}
