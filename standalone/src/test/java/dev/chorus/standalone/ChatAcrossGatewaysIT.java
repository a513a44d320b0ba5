package dev.chorus.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path on real parts: an embedded KRaft broker, the real processor and TWO gateways on random
 * ports, with real WebSocket clients connected to different gateways.
 */
@ExtendWith(TestKafka.Available.class)
class ChatAcrossGatewaysIT {

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
    void membersOnDifferentGatewaysChatPageAndResume() throws Exception {
        WsClient alice = chorus.connect(0, "alice");
        WsClient aliceOnB = chorus.connect(1, "alice");
        WsClient bob = chorus.connect(1, "bob");
        WsClient carol = chorus.connect(1, "carol");

        // alice creates a group: everyone hears of it; she is its owner and first member
        JsonNode added = alice.request("GROUP:ADD_GROUP", Map.of("name", "Friends", "description", "the gang"),
                "GROUP:GROUP_ADDED");
        String groupId = added.get("group").get("id").asString();
        assertThat(added.get("group").get("memberCount").asInt()).isEqualTo(1);
        assertThat(alice.await("GROUP:USER_JOINED", d -> d.get("groupId").asString().equals(groupId))
                .get("member").get("role").asString()).isEqualTo("owner");
        bob.await("GROUP:GROUP_ADDED", d -> d.get("group").get("id").asString().equals(groupId));
        carol.await("GROUP:GROUP_ADDED", d -> d.get("group").get("id").asString().equals(groupId));

        // bob joins through the other gateway; every member, the joiner included, hears it
        bob.send("GROUP:JOIN_GROUP", Map.of("groupId", groupId));
        for (WsClient member : List.of(alice, aliceOnB, bob)) {
            JsonNode joined = member.await("GROUP:USER_JOINED", d -> d.get("member").get("userId").asString().equals("bob"));
            assertThat(joined.get("member").get("role").asString()).isEqualTo("member");
        }

        // five messages from both sides at once: every connection of every member sees one order, seq 1..5,
        // in which each sender's messages keep the order they were sent in
        for (int i = 1; i <= 5; i++) {
            WsClient sender = i % 2 == 1 ? alice : bob;
            sender.send("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", "message " + i,
                    "clientMessageId", sender.userId + "-" + i));
        }
        List<String> agreedOrder = null;
        for (WsClient member : List.of(alice, aliceOnB, bob)) {
            member.await("CHAT:MESSAGE_RETURN_TEXT", d -> d.get("seq").asLong() == 5);
            List<JsonNode> messages = member.frames("CHAT:MESSAGE_RETURN_TEXT");
            assertThat(messages).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
            List<String> texts = messages.stream().map(m -> m.get("text").asString()).toList();
            assertThat(texts.stream().filter(t -> List.of("message 1", "message 3", "message 5").contains(t)))
                    .containsExactly("message 1", "message 3", "message 5");
            assertThat(texts.stream().filter(t -> List.of("message 2", "message 4").contains(t)))
                    .containsExactly("message 2", "message 4");
            if (agreedOrder == null) {
                agreedOrder = texts;
            }
            assertThat(texts).isEqualTo(agreedOrder);
        }

        // paging back through history
        JsonNode latest = bob.request("CHAT:GET_INIT_MESSAGES", Map.of("groupId", groupId, "limit", 2),
                "CHAT:RETURN_INIT_MESSAGES");
        assertThat(seqs(latest)).containsExactly(4L, 5L);
        assertThat(latest.get("hasMore").asBoolean()).isTrue();
        JsonNode older = bob.request("CHAT:GET_INIT_MESSAGES", Map.of("groupId", groupId, "limit", 2, "beforeSeq", 4),
                "CHAT:RETURN_INIT_MESSAGES");
        assertThat(seqs(older)).containsExactly(2L, 3L);
        assertThat(older.get("hasMore").asBoolean()).isTrue();
        JsonNode oldest = bob.request("CHAT:GET_INIT_MESSAGES", Map.of("groupId", groupId, "limit", 2, "beforeSeq", 2),
                "CHAT:RETURN_INIT_MESSAGES");
        assertThat(seqs(oldest)).containsExactly(1L);
        assertThat(oldest.get("hasMore").asBoolean()).isFalse();

        // bob drops off; alice goes on; bob comes back through the other gateway and resumes after seq 5
        bob.close();
        alice.send("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", "while you were away"));
        alice.send("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", "still away?"));
        alice.await("CHAT:MESSAGE_RETURN_TEXT", d -> d.get("seq").asLong() == 7);
        WsClient bobAgain = chorus.connect(0, "bob");
        JsonNode resumed = bobAgain.request("CHAT:GET_INIT_MESSAGES", Map.of("groupId", groupId, "afterSeq", 5),
                "CHAT:RETURN_INIT_MESSAGES");
        assertThat(seqs(resumed)).containsExactly(6L, 7L);
        assertThat(resumed.get("messages").get(0).get("text").asString()).isEqualTo("while you were away");
        assertThat(resumed.get("hasMore").asBoolean()).isFalse();

        // the non-member saw the group announced and nothing of what happened inside it
        JsonNode refused = carol.request("CHAT:GET_INIT_MESSAGES", Map.of("groupId", groupId), "SYSTEM:ERROR");
        assertThat(refused.get("code").asString()).isEqualTo("NOT_MEMBER");
        assertThat(refused.get("groupId").asString()).isEqualTo(groupId);
        assertThat(carol.frames("CHAT:MESSAGE_RETURN_TEXT")).isEmpty();
        assertThat(carol.frames("GROUP:USER_JOINED")).isEmpty();
    }

    @Test
    void aRetriedClientMessageIdYieldsTheOriginalMessage() throws Exception {
        WsClient dana = chorus.connect(0, "dana");
        WsClient erin = chorus.connect(1, "erin");
        String groupId = dana.request("GROUP:ADD_GROUP", Map.of("name", "Retries"), "GROUP:GROUP_ADDED")
                .get("group").get("id").asString();
        erin.request("GROUP:JOIN_GROUP", Map.of("groupId", groupId), "GROUP:USER_JOINED");

        JsonNode original = dana.request("CHAT:SEND_MESSAGE_TEXT",
                Map.of("groupId", groupId, "text", "once", "clientMessageId", "c-1"), "CHAT:MESSAGE_RETURN_TEXT");
        // the same send again, as a client would after a lost acknowledgement, from a new connection
        WsClient danaReconnected = chorus.connect(1, "dana");
        JsonNode retried = danaReconnected.request("CHAT:SEND_MESSAGE_TEXT",
                Map.of("groupId", groupId, "text", "once", "clientMessageId", "c-1"), "CHAT:MESSAGE_RETURN_TEXT");
        dana.send("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", "twice", "clientMessageId", "c-2"));

        assertThat(retried.get("id").asString()).isEqualTo(original.get("id").asString());
        assertThat(retried.get("seq").asLong()).isEqualTo(1L);
        assertThat(erin.await("CHAT:MESSAGE_RETURN_TEXT", d -> d.get("text").asString().equals("twice"))
                .get("seq").asLong()).isEqualTo(2L);
        assertThat(erin.frames("CHAT:MESSAGE_RETURN_TEXT")).extracting(m -> m.get("seq").asLong())
                .containsExactly(1L, 2L);
        JsonNode history = erin.request("CHAT:GET_INIT_MESSAGES", Map.of("groupId", groupId),
                "CHAT:RETURN_INIT_MESSAGES");
        assertThat(seqs(history)).containsExactly(1L, 2L);
    }

    @Test
    void groupsCanBeListedLeftAndDeleted() throws Exception {
        WsClient frank = chorus.connect(0, "frank");
        WsClient gina = chorus.connect(1, "gina");
        String groupId = frank.request("GROUP:ADD_GROUP", Map.of("name", "Short-lived"), "GROUP:GROUP_ADDED")
                .get("group").get("id").asString();
        gina.request("GROUP:JOIN_GROUP", Map.of("groupId", groupId), "GROUP:USER_JOINED");

        JsonNode all = gina.request("GROUP:GET_ALL_GROUPS", Map.of(), "GROUP:RETURN_ALL_GROUPS");
        assertThat(all.get("groups").valueStream().map(g -> g.get("id").asString())).contains(groupId);
        JsonNode init = gina.request("GROUP:GET_INIT_DATA", Map.of("groupId", groupId), "GROUP:RETURN_INIT_DATA");
        assertThat(init.get("group").get("memberCount").asInt()).isEqualTo(2);
        assertThat(init.get("members").valueStream().map(m -> m.get("userId").asString()))
                .containsExactly("frank", "gina");

        JsonNode forbidden = gina.request("GROUP:DELETE_GROUP", Map.of("groupId", groupId), "SYSTEM:ERROR");
        assertThat(forbidden.get("code").asString()).isEqualTo("FORBIDDEN");

        gina.send("GROUP:LEAVE_GROUP", Map.of("groupId", groupId));
        frank.await("GROUP:USER_LEFT", d -> d.get("userId").asString().equals("gina"));
        gina.await("GROUP:USER_LEFT", d -> d.get("userId").asString().equals("gina"));

        frank.send("GROUP:DELETE_GROUP", Map.of("groupId", groupId));
        frank.await("GROUP:GROUP_DELETED", d -> d.get("groupId").asString().equals(groupId));
        gina.await("GROUP:GROUP_DELETED", d -> d.get("groupId").asString().equals(groupId));
        JsonNode gone = frank.request("CHAT:GET_INIT_MESSAGES", Map.of("groupId", groupId), "SYSTEM:ERROR");
        assertThat(gone.get("code").asString()).isEqualTo("NOT_FOUND");
    }

    private static List<Long> seqs(JsonNode page) {
        return IntStream.range(0, page.get("messages").size())
                .mapToObj(i -> page.get("messages").get(i).get("seq").asLong()).toList();
    }
}
