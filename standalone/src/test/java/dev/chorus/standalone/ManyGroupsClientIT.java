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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user in many groups reconnecting: the client resumes every group, at a pace the gateway accepts. Asked
 * all at once, 80 resumes pass the gateway's burst (40) by far, and past 20 refusals in 10 s the gateway
 * closes the connection with 1008, to the same again on the next one.
 */
@ExtendWith(TestKafka.Available.class)
class ManyGroupsClientIT {

    private static final int GROUPS = 80;

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
    void aUserInEightyGroupsResumesThemAllOnOneNewConnection() throws Exception {
        List<ChatMessage> daveSaw = new CopyOnWriteArrayList<>();
        try (ChorusClient dave = ChorusClient.start(chorus.clientSettings("dave", 0, 1), daveSaw::add);
             ChorusClient erin = ChorusClient.start(chorus.clientSettings("erin", 1), message -> { })) {
            List<String> groups = new ArrayList<>();
            for (int i = 0; i < GROUPS; i++) {
                groups.add(dave.createGroup("many-" + i).get(30, TimeUnit.SECONDS));
                Thread.sleep(70); // under the gateway's 20 frames a second: the set-up is not what is tested
            }
            for (String groupId : groups) {
                erin.joinGroup(groupId).get(30, TimeUnit.SECONDS);
                Thread.sleep(70);
            }

            chorus.killGateway(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> dave.reconnects() == 1);
            // erin writes in the last groups while dave resumes the first: both must reach him
            List<java.util.concurrent.CompletableFuture<ChatMessage>> sends = new ArrayList<>();
            for (String groupId : groups.subList(GROUPS - 10, GROUPS)) {
                sends.add(erin.sendText(groupId, "to " + groupId));
            }
            for (var send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> daveSaw.size() == 10);
            Thread.sleep(10_000); // the gateway's window for counting refusals
            assertThat(dave.reconnects()).as("one reconnect, never closed for RATE_LIMITED").isEqualTo(1);
            assertThat(daveSaw).extracting(ChatMessage::text).containsExactlyInAnyOrderElementsOf(
                    groups.subList(GROUPS - 10, GROUPS).stream().map(g -> "to " + g).toList());
        }
    }
}
