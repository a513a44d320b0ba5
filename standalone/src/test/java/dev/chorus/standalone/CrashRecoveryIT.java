package dev.chorus.standalone;

import dev.chorus.bench.check.HistoryChecker;
import dev.chorus.bench.crash.ChatWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise under faults: 20 clients in 5 groups over 2 gateways send without pause while a processor
 * is killed (SIGKILL) three times, a broker once and a gateway once, each restarted. Then every group's
 * history must be seq 1..N, hold every acknowledged send once, and be what each member saw, in order.
 * The workload and its checks are the bench module's, which runs the same scenario against real processes
 * ({@code scripts/crash-test.sh}). The two gateways read deliveries differently: gateway 0 {@code read_committed}
 * (the default), gateway 1 {@code read_uncommitted}.
 */
class CrashRecoveryIT {

    private static final int GROUPS = 5;
    private static final int MEMBERS = 4;

    @TempDir
    Path dataDir;

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    private record Fault(String what, long atNanos) {
    }

    @Test
    void noAcknowledgedMessageIsLostDuplicatedOrReorderedWhileInstancesCrash() throws Exception {
        // gateway 1 pushes deliveries before their transaction commits: what a killed processor's open
        // transaction wrote reaches its clients, then again when the commands are processed again, and the
        // checks below hold for both isolations
        try (FaultCluster chorus = new FaultCluster(dataDir, 2, 2,
                Map.of(1, List.of("--chorus.gateway.kafka.deliveries-isolation=read_uncommitted")));
             ChatWorkload workload = ChatWorkload.join(List.of(chorus.gatewayUri(0), chorus.gatewayUri(1)),
                     chorus::token, GROUPS, MEMBERS)) {
            long started = System.nanoTime();
            workload.startSending(Duration.ofMillis(500), 10);
            try {
                chaos(chorus);
            } finally {
                workload.stopSending();
            }
            long sending = System.nanoTime() - started;

            // every send ends acknowledged (or refused, which fails the test); every member catches up
            workload.awaitSettled(Duration.ofSeconds(120));

            HistoryChecker.Verdict verdict = workload.verdict();
            System.out.println("CrashRecoveryIT: " + verdict.line() + " in " + Duration.ofNanos(sending).toSeconds()
                    + " s of sending; " + workload.refusedSends() + " sends refused; faults " + faults.stream()
                    .map(f -> f.what() + "@" + Duration.ofNanos(f.atNanos() - started).toMillis() + "ms").toList());
            faults.stream().filter(f -> f.what().startsWith("kill")).forEach(f -> System.out.println(
                    "CrashRecoveryIT: after " + f.what() + ", the longest a group waited for its next message: "
                            + workload.longestStall(f.atNanos(), Duration.ofSeconds(40)).toMillis() + " ms"));
            assertThat(verdict.problems()).as(verdict.line()).isEmpty();
            assertThat(verdict.clean()).as(verdict.line()).isTrue();
            assertThat(workload.refusedSends()).isZero();
            assertThat(verdict.messages()).isGreaterThan(500);
        }
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
}
