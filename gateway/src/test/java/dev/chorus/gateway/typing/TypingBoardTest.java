package dev.chorus.gateway.typing;

import dev.chorus.delivery.Typing;
import dev.chorus.gateway.connection.Connection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The typing state machine of one gateway, on a scheduler the test drives. */
class TypingBoardTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String STARTED = "CHAT:USER_STARTED_TYPING";
    private static final String STOPPED = "CHAT:USER_STOPPED_TYPING";

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Screen bob = Screen.of("b1", "bob");
    private final Screen carol = Screen.of("c1", "carol");
    /** Everyone else in g1 is on bob's and carol's screens; the typist's own are never in the audience. */
    private final Map<String, List<Connection>> audience = Map.of("g1", List.of(bob.connection, carol.connection));
    private final TypingBoard board = new TypingBoard(scheduler, TIMEOUT,
            (groupId, typistId) -> audience.getOrDefault(groupId, List.<Connection>of()));

    private static Typing start(String groupId, String userId, String gatewayId) {
        return new Typing(groupId, userId, "User " + userId, true, gatewayId, AT);
    }

    private static Typing stop(String groupId, String userId) {
        return new Typing(groupId, userId, "User " + userId, false, "gw-b", AT);
    }

    @Test
    void aFirstStartIsShownToTheAudienceWithTheTypistsName() {
        board.apply(start("g1", "alice", "gw-b"));

        assertThat(bob.frames(STARTED)).singleElement().satisfies(data -> {
            assertThat(data.get("groupId").asString()).isEqualTo("g1");
            assertThat(data.get("userId").asString()).isEqualTo("alice");
            assertThat(data.get("displayName").asString()).isEqualTo("User alice");
        });
        assertThat(carol.frames(STARTED)).hasSize(1);
        assertThat(board.isTyping("g1", "alice")).isTrue();
    }

    @Test
    void typingEndsByItselfTheTimeoutAfterTheLastStart() {
        board.apply(start("g1", "alice", "gw-b"));
        scheduler.advance(Duration.ofSeconds(4));
        board.apply(start("g1", "alice", "gw-b"));

        scheduler.advance(Duration.ofSeconds(5));
        assertThat(bob.types()).containsExactly(STARTED);

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(bob.types()).containsExactly(STARTED, STOPPED);
        assertThat(bob.frames(STOPPED).get(0).get("userId").asString()).isEqualTo("alice");
        assertThat(board.isTyping("g1", "alice")).isFalse();
    }

    @Test
    void aStopEndsTypingOnceAndItsTimerWithIt() {
        board.apply(start("g1", "alice", "gw-b"));

        board.apply(stop("g1", "alice"));
        board.apply(stop("g1", "alice"));
        scheduler.advance(TIMEOUT.multipliedBy(2));

        assertThat(bob.types()).containsExactly(STARTED, STOPPED);
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void aStopForSomeoneNotTypingShowsNothing() {
        board.apply(stop("g1", "alice"));

        assertThat(bob.types()).isEmpty();
    }

    @Test
    void typistsAreKeptApartByGroupAndByUser() {
        board.apply(start("g1", "alice", "gw-b"));
        board.apply(start("g1", "dan", "gw-b"));
        board.apply(start("g2", "alice", "gw-b"));

        board.apply(stop("g1", "alice"));

        assertThat(board.isTyping("g1", "dan")).isTrue();
        assertThat(board.isTyping("g2", "alice")).isTrue();
        assertThat(bob.frames(STARTED)).extracting(d -> d.get("userId").asString()).containsExactly("alice", "dan");
    }

    @Test
    void theGroupsTypedThroughAGatewayAreThoseOfItsLatestStart() {
        board.apply(start("g1", "alice", "gw-a"));
        board.apply(start("g2", "alice", "gw-b"));
        board.apply(start("g3", "alice", "gw-b"));
        board.apply(start("g3", "alice", "gw-a"));

        assertThat(board.groupsTypedThrough("alice", "gw-a")).containsExactlyInAnyOrder("g1", "g3");
        assertThat(board.groupsTypedThrough("dan", "gw-a")).isEmpty();
    }

    @Test
    void aConnectionAlreadyBehindLosesTheStartButStillGetsTheStop() {
        Screen slow = Screen.behind("s1", "sam");
        Map<String, Collection<Connection>> slowAudience = Map.of("g1", List.of(slow.connection));
        TypingBoard slowBoard = new TypingBoard(scheduler, TIMEOUT, (groupId, typistId) -> slowAudience.get(groupId));

        slowBoard.apply(start("g1", "alice", "gw-b"));
        slowBoard.apply(stop("g1", "alice"));

        assertThat(slow.types()).containsExactly(STOPPED);
    }
}
