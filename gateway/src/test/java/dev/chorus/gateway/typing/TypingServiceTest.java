package dev.chorus.gateway.typing;

import dev.chorus.delivery.Typing;
import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.connection.ConnectionRegistry;
import dev.chorus.gateway.connection.TestConnections;
import dev.chorus.gateway.membership.MembershipIndex;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Problem;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Typing requests served by the gateway: membership checked, signals written, stops sent by the server. */
class TypingServiceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.123456Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    private static final Duration MEMBERSHIP_WAIT = Duration.ofSeconds(5);
    private static final String STARTED = "CHAT:USER_STARTED_TYPING";
    private static final String STOPPED = "CHAT:USER_STOPPED_TYPING";

    private final ManualScheduler scheduler = new ManualScheduler();
    private final MembershipIndex index = new MembershipIndex();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final MockProducer<String, Typing> kafka = new MockProducer<>(true, null, new StringSerializer(),
            Topics.EPHEMERAL.valueSerde().serializer());
    private final List<Connection> askedAgain = new ArrayList<>();
    private final List<Problem> refused = new ArrayList<>();
    private final TypingService typing = new TypingService(
            new TypingBoard(scheduler, TIMEOUT, new MemberConnections(index, registry)), new TypingPublisher(kafka),
            index, askedAgain::add, registry, scheduler, MEMBERSHIP_WAIT, "gw-a", Clock.fixed(NOW, ZoneOffset.UTC));

    private final Screen alice = Screen.of("a1", "alice");
    private final Screen aliceElsewhere = Screen.of("a2", "alice");
    private final Screen bob = Screen.of("b1", "bob");
    private final Screen carol = Screen.of("c1", "carol");

    @BeforeEach
    void connect() {
        connect(alice, "g1");
        connect(aliceElsewhere, "g1");
        connect(bob, "g1");
        connect(carol, "g2");
    }

    /** Connects the screen's user here, with these groups known from their profile. */
    private void connect(Screen screen, String... groups) {
        Connection connection = screen.connection;
        TestConnections.register(registry, connection);
        index.opened(connection.user().userId(), connection.id(), NOW)
                .ifPresent(reply -> index.profile(connection.user().userId(), reply, List.of(groups)));
    }

    private boolean request(Screen screen, ClientRequest request) {
        return typing.intercept(request, screen.connection, refused::add);
    }

    private List<Boolean> written() {
        return kafka.history().stream().map(record -> record.value().active()).toList();
    }

    @Test
    void aMembersStartIsWrittenKeyedByGroupAndShownToTheOtherMembersNeverToTheTypist() {
        assertThat(request(alice, new ClientRequest.StartTyping("g1"))).isTrue();

        ProducerRecord<String, Typing> record = kafka.history().get(0);
        assertThat(record.key()).isEqualTo("g1");
        assertThat(record.value()).isEqualTo(new Typing("g1", "alice", "User alice", true, "gw-a",
                Instant.parse("2026-01-01T00:00:00.123Z")));
        assertThat(bob.types()).containsExactly(STARTED);
        assertThat(alice.types()).isEmpty();
        assertThat(aliceElsewhere.types()).isEmpty();
        assertThat(carol.types()).isEmpty();
        assertThat(refused).isEmpty();
    }

    @Test
    void aNonMemberIsRefusedAndNothingIsWritten() {
        request(carol, new ClientRequest.StartTyping("g1"));

        assertThat(refused).extracting(Problem::code).containsExactly(ErrorCode.NOT_MEMBER);
        assertThat(kafka.history()).isEmpty();
        assertThat(bob.types()).isEmpty();
    }

    @Test
    void aReaderSeenJoiningWhileTheirProfileIsOnItsWaySeesTheStartAndTheStop() {
        Screen erin = Screen.of("e1", "erin");
        TestConnections.register(registry, erin.connection);
        index.opened("erin", "e1", NOW).orElseThrow();
        index.joined("erin", "g1");

        request(alice, new ClientRequest.StartTyping("g1"));
        request(alice, new ClientRequest.StopTyping("g1"));

        assertThat(erin.types()).containsExactly(STARTED, STOPPED);
    }

    @Test
    void aStartWaitsForGroupsStillOnTheirWay() {
        Screen dan = Screen.of("d1", "dan");
        TestConnections.register(registry, dan.connection);
        String reply = index.opened("dan", "d1", NOW).orElseThrow();

        request(dan, new ClientRequest.StartTyping("g1"));
        assertThat(kafka.history()).isEmpty();
        assertThat(askedAgain).containsExactly(dan.connection);

        index.profile("dan", reply, List.of("g1"));
        assertThat(written()).containsExactly(true);
        assertThat(bob.types()).containsExactly(STARTED);

        scheduler.advance(MEMBERSHIP_WAIT);
        assertThat(refused).isEmpty();
    }

    @Test
    void aStartWhoseGroupsNeverComeIsAnsweredUnavailable() {
        Screen dan = Screen.of("d1", "dan");
        TestConnections.register(registry, dan.connection);
        index.opened("dan", "d1", NOW);

        request(dan, new ClientRequest.StartTyping("g1"));
        scheduler.advance(MEMBERSHIP_WAIT);

        assertThat(refused).extracting(Problem::code).containsExactly(ErrorCode.UNAVAILABLE);
        assertThat(kafka.history()).isEmpty();
    }

    @Test
    void aStopIsWrittenAndShown() {
        request(alice, new ClientRequest.StartTyping("g1"));

        assertThat(request(alice, new ClientRequest.StopTyping("g1"))).isTrue();

        assertThat(written()).containsExactly(true, false);
        assertThat(bob.types()).containsExactly(STARTED, STOPPED);
    }

    @Test
    void sendingAMessageStopsTheSendersTypingInThatGroupAndTheMessageGoesOn() {
        index.joined("alice", "g2");
        request(alice, new ClientRequest.StartTyping("g1"));
        request(alice, new ClientRequest.StartTyping("g2"));

        boolean served = request(aliceElsewhere, new ClientRequest.SendMessageText("g1", "hi", null));

        assertThat(served).isFalse();
        assertThat(kafka.history()).extracting(r -> r.value().groupId(), r -> r.value().active())
                .containsExactly(tuple("g1", true), tuple("g2", true), tuple("g1", false));
        assertThat(bob.types()).containsExactly(STARTED, STOPPED);
        assertThat(carol.types()).containsExactly(STARTED);
    }

    @Test
    void aMediaSendStopsTypingToo() {
        request(alice, new ClientRequest.StartTyping("g1"));

        request(alice, new ClientRequest.SendMessageMedia(MessageKind.GIF, "g1", null, "https://x.example/a.gif",
                null, null));

        assertThat(written()).containsExactly(true, false);
    }

    @Test
    void sendingWithoutTypingWritesNoStop() {
        request(alice, new ClientRequest.SendMessageText("g1", "hi", null));

        assertThat(kafka.history()).isEmpty();
    }

    @Test
    void theTypistsLastConnectionHereClosingStopsTheirTyping() {
        request(alice, new ClientRequest.StartTyping("g1"));

        TestConnections.unregister(registry, alice.connection);
        typing.closed(alice.connection);
        assertThat(written()).containsExactly(true);

        TestConnections.unregister(registry, aliceElsewhere.connection);
        typing.closed(aliceElsewhere.connection);
        assertThat(written()).containsExactly(true, false);
        assertThat(bob.types()).containsExactly(STARTED, STOPPED);
    }

    @Test
    void typingIsRefusedOnceTheTypistHasLeftTheGroup() {
        index.left("alice", "g1");

        request(alice, new ClientRequest.StartTyping("g1"));

        assertThat(refused).extracting(Problem::code).containsExactly(ErrorCode.NOT_MEMBER);
    }

    @Test
    void aMemberWhoJoinedSinceIsShownTyping() {
        index.joined("carol", "g1");

        request(alice, new ClientRequest.StartTyping("g1"));

        assertThat(carol.types()).containsExactly(STARTED);
    }

    @Test
    void requestsThatAreNotAboutTypingGoOn() {
        assertThat(request(alice, new ClientRequest.GetAllGroups())).isFalse();
        assertThat(request(alice, new ClientRequest.JoinGroup("g9"))).isFalse();
        assertThat(kafka.history()).isEmpty();
    }
}
