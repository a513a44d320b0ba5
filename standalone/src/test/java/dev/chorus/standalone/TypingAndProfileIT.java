package dev.chorus.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typing and profiles on real parts: an embedded KRaft broker, the real processor and three gateways (A, B,
 * and C, which one test kills), with real WebSocket clients. Typing times are the defaults: 6 s.
 */
@ExtendWith(TestKafka.Available.class)
class TypingAndProfileIT {

    private static final int A = 0;
    private static final int B = 1;
    private static final int DOOMED = 2;
    private static final String STARTED = "CHAT:USER_STARTED_TYPING";
    private static final String STOPPED = "CHAT:USER_STOPPED_TYPING";
    private static final Duration TYPING_TIMEOUT = Duration.ofSeconds(6);
    /** Long enough for a frame wrongly sent to a connection to have arrived after one rightly sent. */
    private static final Duration GRACE = Duration.ofMillis(700);

    @TempDir
    static Path dataDir;

    private static ChorusCluster chorus;

    @BeforeAll
    static void startChorus() {
        chorus = ChorusCluster.start(dataDir, 3);
    }

    @AfterAll
    static void stopChorus() {
        chorus.close();
    }

    private static String createGroup(WsClient owner, String name) throws InterruptedException {
        String groupId = owner.createGroup(name);
        owner.await("GROUP:USER_JOINED", d -> d.get("groupId").asString().equals(groupId));
        return groupId;
    }

    private static void join(WsClient joiner, String groupId) throws InterruptedException {
        joiner.send("GROUP:JOIN_GROUP", Map.of("groupId", groupId));
        joiner.await("GROUP:USER_JOINED", d -> d.get("groupId").asString().equals(groupId)
                && d.get("member").get("userId").asString().equals(joiner.userId));
    }

    private static JsonNode typing(WsClient client, String type, String groupId, String typist)
            throws InterruptedException {
        return client.await(type, d -> d.get("groupId").asString().equals(groupId)
                && d.get("userId").asString().equals(typist));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Test
    void typingReachesTheOtherMembersOnEveryGatewayAndNeverTheTypistsOwnConnections() throws Exception {
        WsClient alice = chorus.connect(A, "t-alice");
        WsClient aliceOnB = chorus.connect(B, "t-alice");
        WsClient bob = chorus.connect(B, "t-bob");
        WsClient carol = chorus.connect(A, "t-carol");
        WsClient outsider = chorus.connect(B, "t-dave");
        String groupId = createGroup(alice, "Typists");
        join(bob, groupId);
        join(carol, groupId);

        alice.send("CHAT:START_TYPING", Map.of("groupId", groupId));

        JsonNode started = typing(bob, STARTED, groupId, "t-alice");
        assertThat(started.get("displayName").asString()).isEqualTo("User t-alice");
        typing(carol, STARTED, groupId, "t-alice");

        alice.send("CHAT:STOP_TYPING", Map.of("groupId", groupId));
        typing(bob, STOPPED, groupId, "t-alice");
        typing(carol, STOPPED, groupId, "t-alice");

        Thread.sleep(GRACE.toMillis());
        for (WsClient notAudience : List.of(alice, aliceOnB, outsider)) {
            assertThat(notAudience.frames(STARTED)).as(notAudience.userId).isEmpty();
            assertThat(notAudience.frames(STOPPED)).as(notAudience.userId).isEmpty();
        }
        assertThat(bob.frames(STARTED)).hasSize(1);
    }

    @Test
    void aNonMemberMayNotType() throws Exception {
        WsClient owner = chorus.connect(A, "n-erin");
        WsClient stranger = chorus.connect(B, "n-frank");
        String groupId = createGroup(owner, "Closed");

        JsonNode refused = stranger.request("CHAT:START_TYPING", Map.of("groupId", groupId), "SYSTEM:ERROR");

        assertThat(refused.get("code").asString()).isEqualTo("NOT_MEMBER");
        assertThat(refused.get("requestType").asString()).isEqualTo("CHAT:START_TYPING");
        assertThat(refused.get("groupId").asString()).isEqualTo(groupId);
        Thread.sleep(GRACE.toMillis());
        assertThat(owner.frames(STARTED)).isEmpty();
    }

    @Test
    void joiningAndLeavingThroughAnotherGatewayAreHonoured() throws Exception {
        WsClient owner = chorus.connect(B, "m-gina");
        WsClient hugoOnA = chorus.connect(A, "m-hugo");
        WsClient hugoOnB = chorus.connect(B, "m-hugo");
        String groupId = createGroup(owner, "Movers");

        join(hugoOnB, groupId);
        hugoOnA.await("GROUP:USER_JOINED", d -> d.get("groupId").asString().equals(groupId));
        hugoOnA.send("CHAT:START_TYPING", Map.of("groupId", groupId));
        typing(owner, STARTED, groupId, "m-hugo");

        hugoOnB.send("GROUP:LEAVE_GROUP", Map.of("groupId", groupId));
        hugoOnA.await("GROUP:USER_LEFT", d -> d.get("groupId").asString().equals(groupId));
        JsonNode refused = hugoOnA.request("CHAT:START_TYPING", Map.of("groupId", groupId), "SYSTEM:ERROR");
        assertThat(refused.get("code").asString()).isEqualTo("NOT_MEMBER");
    }

    @Test
    void typingEndsByItselfSixSecondsAfterTheLastStart() throws Exception {
        WsClient typist = chorus.connect(A, "x-ivan");
        WsClient reader = chorus.connect(B, "x-judy");
        String groupId = createGroup(typist, "Slow typers");
        join(reader, groupId);

        typist.send("CHAT:START_TYPING", Map.of("groupId", groupId));
        typing(reader, STARTED, groupId, "x-ivan");
        long started = System.nanoTime();
        typing(reader, STOPPED, groupId, "x-ivan");

        assertThat(since(started)).isBetween(TYPING_TIMEOUT.minusMillis(500), TYPING_TIMEOUT.plusSeconds(3));
        assertThat(reader.frames(STOPPED)).hasSize(1);
    }

    @Test
    void sendingAMessageStopsTheSendersTyping() throws Exception {
        WsClient typist = chorus.connect(A, "s-kim");
        WsClient reader = chorus.connect(B, "s-lou");
        String groupId = createGroup(typist, "Senders");
        join(reader, groupId);
        typist.send("CHAT:START_TYPING", Map.of("groupId", groupId));
        typing(reader, STARTED, groupId, "s-kim");

        long sent = System.nanoTime();
        typist.send("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", "done typing"));

        typing(reader, STOPPED, groupId, "s-kim");
        assertThat(since(sent)).isLessThan(TYPING_TIMEOUT.dividedBy(2));
        reader.await("CHAT:MESSAGE_RETURN_TEXT", d -> d.get("text").asString().equals("done typing"));
    }

    @Test
    void typingStopsWhenTheTypistsLastConnectionCloses() throws Exception {
        WsClient typist = chorus.connect(A, "c-max");
        WsClient typistElsewhere = chorus.connect(A, "c-max");
        WsClient reader = chorus.connect(B, "c-nina");
        String groupId = createGroup(typist, "Closers");
        join(reader, groupId);
        typist.send("CHAT:START_TYPING", Map.of("groupId", groupId));
        typing(reader, STARTED, groupId, "c-max");
        long started = System.nanoTime();

        typist.close();
        Thread.sleep(GRACE.toMillis());
        assertThat(reader.frames(STOPPED)).as("stopped while a connection of the typist is open").isEmpty();

        typistElsewhere.close();
        typing(reader, STOPPED, groupId, "c-max");
        assertThat(since(started)).as("well before the timeout would have ended it")
                .isLessThan(TYPING_TIMEOUT.minusSeconds(2));
    }

    @Test
    void typingOfADeadGatewayEndsOnTheOthersWithinTenSeconds() throws Exception {
        WsClient typist = chorus.connect(DOOMED, "d-otto");
        WsClient reader = chorus.connect(A, "d-pia");
        String groupId = createGroup(typist, "Survivors");
        join(reader, groupId);
        typist.send("CHAT:START_TYPING", Map.of("groupId", groupId));
        typing(reader, STARTED, groupId, "d-otto");

        long killed = System.nanoTime();
        chorus.killGateway(DOOMED);

        typing(reader, STOPPED, groupId, "d-otto");
        assertThat(since(killed)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aProfileListsTheUsersGroupsThroughCreateJoinLeaveAndDeleteWithNameAndAvatarFromTheToken()
            throws Exception {
        WsClient quinn = chorus.connect(A, "p-quinn", "Quinn Q.", "https://img.example/quinn.png");
        WsClient quinnOnB = chorus.connect(B, "p-quinn", "Quinn Q.", "https://img.example/quinn.png");
        WsClient rosa = chorus.connect(B, "p-rosa");
        String first = createGroup(quinn, "First");
        String second = createGroup(quinn, "Second");
        String rosas = createGroup(rosa, "Rosa's");
        join(quinnOnB, rosas);

        JsonNode profile = quinn.request("USER:REFRESH_PROFILE", Map.of(), "USER:PROFILE_REFRESHED");
        assertThat(profile.get("userId").asString()).isEqualTo("p-quinn");
        assertThat(profile.get("displayName").asString()).isEqualTo("Quinn Q.");
        assertThat(profile.get("avatarUrl").asString()).isEqualTo("https://img.example/quinn.png");
        assertThat(groupIds(profile)).containsExactly(first, second, rosas);
        assertThat(profile.get("groups").get(2).get("memberCount").asInt()).isEqualTo(2);
        assertThat(profile.get("groups").get(2).get("name").asString()).isEqualTo("Rosa's");

        quinn.send("GROUP:LEAVE_GROUP", Map.of("groupId", first));
        quinn.await("GROUP:USER_LEFT", d -> d.get("groupId").asString().equals(first));
        assertThat(groupIds(quinn.request("USER:REFRESH_PROFILE", Map.of(), "USER:PROFILE_REFRESHED")))
                .containsExactly(second, rosas);

        rosa.send("GROUP:DELETE_GROUP", Map.of("groupId", rosas));
        quinnOnB.await("GROUP:GROUP_DELETED", d -> d.get("groupId").asString().equals(rosas));
        assertThat(groupIds(quinnOnB.request("USER:REFRESH_PROFILE", Map.of(), "USER:PROFILE_REFRESHED")))
                .containsExactly(second);

        // each answer went to the asking connection alone
        assertThat(quinn.frames("USER:PROFILE_REFRESHED")).hasSize(2);
        assertThat(quinnOnB.frames("USER:PROFILE_REFRESHED")).hasSize(1);
    }

    @Test
    void aUserInNoGroupHasAnEmptyProfileAndNoConnectionGetsAProfileItDidNotAskFor() throws Exception {
        WsClient sam = chorus.connect(B, "p-sam");

        JsonNode profile = sam.request("USER:REFRESH_PROFILE", Map.of(), "USER:PROFILE_REFRESHED");

        assertThat(profile.get("displayName").asString()).isEqualTo("User p-sam");
        assertThat(profile.get("avatarUrl").isNull()).isTrue();
        assertThat(profile.get("groups").isEmpty()).isTrue();
        WsClient samAgain = chorus.connect(A, "p-sam");
        Thread.sleep(GRACE.toMillis());
        assertThat(samAgain.frames("USER:PROFILE_REFRESHED")).isEmpty();
        assertThat(sam.frames("USER:PROFILE_REFRESHED")).hasSize(1);
    }

    private static List<String> groupIds(JsonNode profile) {
        return profile.get("groups").valueStream().map(g -> g.get("id").asString()).toList();
    }
}
