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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path through {@code /ws} on Netty: two gateways serving it beside the web server's, the real
 * processor, the client library. Users on either port of either gateway share one group; a gateway that stops
 * sends its Netty clients elsewhere (1012), and they miss nothing.
 */
@ExtendWith(TestKafka.Available.class)
class NettyGatewaysIT {

    private static final int ROUNDS = 6;

    @TempDir
    static Path dataDir;

    private static ChorusCluster chorus;

    @BeforeAll
    static void startChorus() {
        chorus = ChorusCluster.start(dataDir, 2, "--chorus.gateway.netty.port=0");
    }

    @AfterAll
    static void stopChorus() {
        chorus.close();
    }

    @Test
    void usersOnNettyAndOnTheWebServerChatAndANettyClientWhoseGatewayStopsMissesNothing() throws Exception {
        List<ChatMessage> aliceSaw = new CopyOnWriteArrayList<>();
        List<ChatMessage> bobSaw = new CopyOnWriteArrayList<>();
        List<ChatMessage> carolSaw = new CopyOnWriteArrayList<>();
        try (ChorusClient alice = ChorusClient.start(chorus.clientSettings("alice", List.of(chorus.nettyWsUri(0))),
                aliceSaw::add);
             ChorusClient bob = ChorusClient.start(chorus.clientSettings("bob",
                     List.of(chorus.nettyWsUri(1), chorus.nettyWsUri(0))), bobSaw::add);
             ChorusClient carol = ChorusClient.start(chorus.clientSettings("carol", 0), carolSaw::add)) {
            String groupId = alice.createGroup("over netty").get(30, TimeUnit.SECONDS);
            bob.joinGroup(groupId).get(30, TimeUnit.SECONDS);
            carol.joinGroup(groupId).get(30, TimeUnit.SECONDS);

            List<CompletableFuture<ChatMessage>> sends = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                if (i == ROUNDS / 2) {
                    chorus.killGateway(1); // bob's: he moves to gateway 0's Netty port
                }
                sends.add(alice.sendText(groupId, "alice " + i));
                sends.add(bob.sendText(groupId, "bob " + i));
                sends.add(carol.sendText(groupId, "carol " + i));
            }
            for (CompletableFuture<ChatMessage> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }

            int all = 3 * ROUNDS;
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    aliceSaw.size() == all && bobSaw.size() == all && carolSaw.size() == all);
            assertThat(bob.reconnects()).isGreaterThanOrEqualTo(1);
            assertThat(aliceSaw).extracting(ChatMessage::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, all).boxed().toList());
            assertThat(bobSaw).isEqualTo(aliceSaw);
            assertThat(carolSaw).isEqualTo(aliceSaw);
            assertThat(aliceSaw).extracting(ChatMessage::text).contains("alice 0", "bob " + (ROUNDS - 1), "carol 3");
        }
    }
}
