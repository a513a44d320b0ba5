package dev.chorus.bench.crash;

import dev.chorus.bench.Args;
import dev.chorus.bench.DevTokens;
import dev.chorus.bench.check.HistoryChecker;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The failure test of {@code CrashRecoveryIT}, against the separate processes of
 * {@code scripts/local-cluster.sh}: clients chat through both gateways while processors, a broker and a
 * gateway are killed with {@code kill -9} and started again; then the histories are checked and the
 * recovery times printed. Exits 0 only when nothing was lost, duplicated or reordered.
 */
public final class CrashScenario {

    private final ClusterControl cluster;
    private final ChatWorkload workload;
    private final long started = System.nanoTime();
    private final List<String> recovery = new ArrayList<>();
    private final List<Kill> kills = new ArrayList<>();
    private CompletableFuture<Void> restarting = CompletableFuture.completedFuture(null);

    private record Kill(String name, long atNanos) {
    }

    private CrashScenario(ClusterControl cluster, ChatWorkload workload) {
        this.cluster = cluster;
        this.workload = workload;
    }

    public static int run(Args args) throws Exception {
        List<URI> gateways = args.list("gateways", "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws").stream()
                .map(URI::create).toList();
        ClusterControl cluster = new ClusterControl(args.text("cluster", "scripts/local-cluster.sh"));
        DevTokens tokens = new DevTokens(gateways.get(0));
        int groups = args.number("groups", 5);
        int members = args.number("members", 4);
        say("connecting " + groups * members + " clients in " + groups + " groups over " + gateways);
        try (ChatWorkload workload = ChatWorkload.join(gateways, tokens::token, groups, members)) {
            CrashScenario scenario = new CrashScenario(cluster, workload);
            workload.startSending(Duration.ofMillis(args.number("send-every-ms", 500)), 10);
            try {
                scenario.chaos();
            } finally {
                workload.stopSending();
            }
            long sending = System.nanoTime() - scenario.started;
            say("sending stopped; waiting until every send is answered and every member has caught up");
            workload.awaitSettled(Duration.ofSeconds(180));
            scenario.measure();
            HistoryChecker.Verdict verdict = workload.verdict();
            verdict.problems().stream().limit(20).forEach(p -> say("problem: " + p));
            scenario.recovery.forEach(CrashScenario::say);
            say(verdict.line() + " in " + Duration.ofNanos(sending).toSeconds() + " s of sending; "
                    + workload.refusedSends() + " sends refused");
            return verdict.clean() && workload.refusedSends() == 0 ? 0 : 1;
        }
    }

    private void chaos() throws Exception {
        pause(8);
        crash("processor-1", 4);
        crash("broker-3", 6);
        crash("processor-2", 4);
        crashGateway("gateway-2", 1);
        crash("processor-1", 4);
        restarting.get(5, TimeUnit.MINUTES);
        pause(6);
    }

    /** Kills {@code name}, starts it again {@code downFor} s later, waits for the previous restart first. */
    private void crash(String name, int downFor) throws Exception {
        killWhenSettled(name);
        pause(downFor);
        restart(name);
    }

    private void crashGateway(String name, int index) throws Exception {
        long at = killWhenSettled(name);
        CompletableFuture<ChatWorkload.CatchUp> catchUp = CompletableFuture.supplyAsync(() -> {
            try {
                return workload.watchCatchUp(index, at, Duration.ofSeconds(120));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        pause(4);
        restart(name);
        recovery.add("after kill -9 " + name + ": " + catchUp.get(3, TimeUnit.MINUTES).line());
    }

    /**
     * Reads off each kill's recovery, once everything has settled: the time until every group had a message
     * sent after the kill delivered, and the longest a group waited between two messages in the 30 s after.
     */
    private void measure() {
        for (Kill kill : kills) {
            recovery.add("after kill -9 " + kill.name() + " at " + seconds(kill.atNanos()) + ": delivery resumed in"
                    + " every group after " + millis(workload.resumedAfter(kill.atNanos())) + " (longest stall "
                    + workload.longestStall(kill.atNanos(), Duration.ofSeconds(30)).toMillis() + " ms)");
        }
    }

    /** Waits for the previous restart and 4 s more, then kills {@code name}; returns when. */
    private long killWhenSettled(String name) throws Exception {
        restarting.get(5, TimeUnit.MINUTES);
        pause(4);
        long at = kill(name);
        kills.add(new Kill(name, at));
        return at;
    }

    private long kill(String name) throws IOException, InterruptedException {
        long at = System.nanoTime();
        cluster.kill(name);
        say("killed " + name + " (kill -9) at " + seconds(at));
        return at;
    }

    private void restart(String name) {
        say("starting " + name);
        restarting = CompletableFuture.runAsync(() -> {
            try {
                cluster.up(name);
                say(name + " is up again");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private String seconds(long nanos) {
        return String.format("%.1f s", (nanos - started) / 1e9);
    }

    private static String millis(Duration d) {
        return d.toNanos() == Long.MAX_VALUE ? "(not resumed)" : d.toMillis() + " ms";
    }

    private static void pause(int seconds) throws InterruptedException {
        TimeUnit.SECONDS.sleep(seconds);
    }

    private static void say(String line) {
        System.out.println("crash scenario: " + line);
    }
}
