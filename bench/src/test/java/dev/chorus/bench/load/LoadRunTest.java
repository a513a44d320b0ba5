package dev.chorus.bench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator's own accounting, against an in-process group chat whose faults are chosen by the test. */
class LoadRunTest {

    /** Delivers every text to every member of its group on another thread, except as told. */
    private static final class InProcessChat implements ChatTarget {
        final AtomicInteger sends = new AtomicInteger();
        final ExecutorService deliverer = Executors.newSingleThreadExecutor();
        final int dropNth;
        final int duplicateNth;
        long stallFirstMillis;
        int groups;
        int members;
        Delivery listener;

        InProcessChat(int dropNth, int duplicateNth) {
            this.dropNth = dropNth;
            this.duplicateNth = duplicateNth;
        }

        @Override
        public String name() {
            return "in-process";
        }

        @Override
        public void connect(int groups, int members, Delivery listener) {
            this.groups = groups;
            this.members = members;
            this.listener = listener;
        }

        @Override
        public void send(int group, int member, String text) {
            int n = sends.incrementAndGet();
            if (n == 1 && stallFirstMillis > 0) {
                deliverer.execute(() -> sleep(stallFirstMillis));
            }
            deliverer.execute(() -> {
                for (int m = 0; m < members; m++) {
                    if (n == dropNth && m == 1) {
                        continue;
                    }
                    listener.delivered(group, m, text, System.nanoTime());
                    if (n == duplicateNth && m == 0) {
                        listener.delivered(group, m, text, System.nanoTime());
                    }
                }
            });
        }

        @Override
        public void close() {
            deliverer.shutdownNow();
        }
    }

    @Test
    void countsEveryDeliveryOnceAndFindsTheLostAndTheDuplicated() throws Exception {
        try (InProcessChat chat = new InProcessChat(7, 11)) {
            LoadRun load = new LoadRun(chat, 2, 3);
            chat.connect(2, 3, load.listener());

            LoadRun.Result result = load.run(200, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1), 50);

            assertThat(result.sent()).isEqualTo(300);
            assertThat(result.expected()).isEqualTo(900);
            assertThat(result.delivered()).isEqualTo(899);
            assertThat(result.lost()).isEqualTo(1);
            assertThat(result.duplicated()).isEqualTo(1);
            // only the 200 messages after the warm-up are timed, each for its 3 members
            assertThat(result.latency().getTotalCount()).isEqualTo(600);
            assertThat(result.p(99)).isLessThan(1_000);
        }
    }

    @Test
    void aStallShowsInFullBecauseLatencyRunsFromTheScheduledTime() throws Exception {
        try (InProcessChat chat = new InProcessChat(-1, -1)) {
            LoadRun load = new LoadRun(chat, 1, 2);
            chat.connect(1, 2, load.listener());
            chat.stallFirstMillis = 300; // the system stalls once, at the first message

            LoadRun.Result result = load.run(100, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 20);

            assertThat(result.lost()).isZero();
            assertThat(result.max()).isGreaterThanOrEqualTo(290);
            // messages scheduled during the stall waited too: a closed model would have timed only one
            assertThat(result.latency().getCountBetweenValues(100_000, 1_000_000)).isGreaterThan(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
