package dev.chorus.standalone;

import dev.chorus.client.ChatMessage;
import dev.chorus.client.ChorusClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client library on real gateways: its gateway dies, it moves to the other and misses nothing. */
@ExtendWith(TestKafka.Available.class)
class ChorusClientIT {

    @TempDir
    static Path dataDir;

    private static ChorusCluster chorus;

    @BeforeAll
    static void startChorus() {
        chorus = ChorusCluster.start(dataDir, 2);
    }

    @AfterAll
    static void stopChorus() {
        chorus.close();
    }

    @Test
    void aClientWhoseGatewayDiesCatchesUpWithNoGapAndItsSendsLandOnce() throws Exception {
        List<ChatMessage> aliceSaw = new CopyOnWriteArrayList<>();
        List<ChatMessage> bobSaw = new CopyOnWriteArrayList<>();
        try (ChorusClient alice = ChorusClient.start(chorus.clientSettings("alice", 0, 1), aliceSaw::add);
             ChorusClient bob = ChorusClient.start(chorus.clientSettings("bob", 1, 0), bobSaw::add)) {
            String groupId = alice.createGroup("resilient").get(30, TimeUnit.SECONDS);
            bob.joinGroup(groupId).get(30, TimeUnit.SECONDS);

            List<java.util.concurrent.CompletableFuture<ChatMessage>> sends = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sends.add(alice.sendText(groupId, "a" + i));
                sends.add(bob.sendText(groupId, "b" + i));
            }
            for (var send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }

            chorus.killGateway(0);
            // bob talks while alice is away; alice talks too, before she is back
            for (int i = 5; i < 10; i++) {
                sends.add(bob.sendText(groupId, "b" + i));
                sends.add(alice.sendText(groupId, "a" + i));
            }
            for (var send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> aliceSaw.size() == 20 && bobSaw.size() == 20);
            assertThat(alice.reconnects()).isGreaterThanOrEqualTo(1);
            assertThat(aliceSaw).extracting(ChatMessage::seq).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 20).boxed().toList());
            assertThat(aliceSaw).isEqualTo(bobSaw);
            assertThat(sends.stream().map(java.util.concurrent.CompletableFuture::join).map(ChatMessage::seq))
                    .doesNotHaveDuplicates().hasSize(20);
        }
    }

    @Test
    void aBacklogGoesOutAtAPaceTheGatewayAcceptsWithoutLosingTheConnection() throws Exception {
        // three times the gateway's burst (40) at once: sent in one go, most would be RATE_LIMITED and the
        // connection closed for it (1008), again and again on every reconnect
        List<ChatMessage> saw = new CopyOnWriteArrayList<>();
        try (ChorusClient carol = ChorusClient.start(chorus.clientSettings("carol", 0), saw::add)) {
            String groupId = carol.createGroup("backlog").get(30, TimeUnit.SECONDS);
            List<java.util.concurrent.CompletableFuture<ChatMessage>> sends = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                sends.add(carol.sendText(groupId, "m" + i));
            }
            for (var send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> saw.size() == 120);
            assertThat(carol.reconnects()).isZero();
            assertThat(saw).extracting(ChatMessage::text).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 120).mapToObj(i -> "m" + i).toList());
            assertThat(saw).extracting(ChatMessage::seq).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 120).boxed().toList());
        }
    }
}
