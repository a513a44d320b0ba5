package dev.chorus.gateway.membership;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.TestTokens;
import dev.chorus.gateway.auth.AuthenticatedUser;
import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.connection.TestConnections;
import dev.chorus.gateway.kafka.TestCommandProducers;
import dev.chorus.gateway.membership.MembershipIndex.Standing;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Profile;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.socket.WebSocketSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The index kept current from connections and deliveries, with the profile asked as a command. */
class MembershipFeedTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Group G1 = new Group("g1", "Hikers", null, "bob", NOW, 2);

    private final MockProducer<String, Command> kafka = new MockProducer<>(true, null, new StringSerializer(),
            Topics.COMMANDS.valueSerde().serializer());
    private final MembershipIndex index = new MembershipIndex();
    private final MembershipFeed feed = feedOver(kafka);
    private final Connection alice = TestConnections.connection("a1",
            new AuthenticatedUser("alice", "Alice", "https://img.example/a.png"), mock(WebSocketSession.class));

    private MembershipFeed feedOver(MockProducer<String, Command> producer) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        GatewayProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("chorus.gateway.id",
                "gw-1", "chorus.gateway.auth.hs256-secret", TestTokens.SECRET)))
                .bindOrCreate("chorus.gateway", GatewayProperties.class);
        return new MembershipFeed(index, TestCommandProducers.over(producer, "gw-1", clock), properties, clock);
    }

    private static Delivery delivery(Audience audience, ServerEventType type, Object data) {
        return new Delivery(audience, Envelope.of(type, data));
    }

    /** Alice connects; the reply address her profile was asked under. */
    private String connectAlice() {
        feed.opened(alice);
        return kafka.history().get(0).value().replyTo().connectionId();
    }

    @Test
    void aFirstConnectionAsksForTheUsersProfileUnderAnAddressThatNamesNoConnection() {
        feed.opened(alice);
        feed.opened(TestConnections.connection("a2", alice.user(), mock(WebSocketSession.class)));

        assertThat(kafka.history()).hasSize(1);
        ProducerRecord<String, Command> asked = kafka.history().get(0);
        assertThat(asked.key()).isEqualTo("alice");
        assertThat(asked.value().body()).isEqualTo(new CommandBody.GetProfile());
        assertThat(asked.value().actor().avatarUrl()).isEqualTo("https://img.example/a.png");
        assertThat(asked.value().replyTo().gatewayId()).isEqualTo("gw-1");
        assertThat(asked.value().replyTo().connectionId()).isNotIn("a1", "a2");
    }

    @Test
    void theProfileAnsweredToThisGatewaySeedsTheIndex() {
        String reply = connectAlice();

        feed.observe(delivery(new Audience.Connection("gw-2", reply), ServerEventType.PROFILE_REFRESHED,
                new Profile("alice", "Alice", null, List.of(G1))));
        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.UNKNOWN);

        feed.observe(delivery(new Audience.Connection("gw-1", reply), ServerEventType.PROFILE_REFRESHED,
                new Profile("alice", "Alice", null, List.of(G1))));
        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.MEMBER);
    }

    @Test
    void membershipDeliveriesOfAnyAudienceKeepTheIndexCurrent() {
        String reply = connectAlice();
        feed.observe(delivery(new Audience.Connection("gw-1", reply), ServerEventType.PROFILE_REFRESHED,
                new Profile("alice", "Alice", null, List.of(G1))));

        feed.observe(delivery(new Audience.Users(List.of("bob", "alice")), ServerEventType.USER_JOINED,
                new ServerPayload.UserJoined("g2", new Member("alice", "Alice", null, Role.MEMBER, NOW))));
        feed.observe(delivery(new Audience.Users(List.of("bob", "alice")), ServerEventType.USER_LEFT,
                new ServerPayload.UserLeft("g1", "alice", null)));
        assertThat(index.standing("alice", "g2")).isEqualTo(Standing.MEMBER);
        assertThat(index.standing("alice", "g1")).isEqualTo(Standing.NOT_MEMBER);

        feed.observe(delivery(new Audience.Everyone(), ServerEventType.GROUP_DELETED,
                new ServerPayload.GroupDeleted("g2")));
        assertThat(index.standing("alice", "g2")).isEqualTo(Standing.NOT_MEMBER);
    }

    @Test
    void theLastConnectionClosingForgetsTheUser() {
        String reply = connectAlice();
        feed.observe(delivery(new Audience.Connection("gw-1", reply), ServerEventType.PROFILE_REFRESHED,
                new Profile("alice", "Alice", null, List.of(G1))));

        feed.closed(alice);

        assertThat(index.localMembers("g1")).isEmpty();
    }

    @Test
    void aProfileThatCouldNotBeAskedForIsAskedAgainWhenTypingNeedsIt() {
        // The one mock also stands in for the producer that replaces it after the timeout, so the close of
        // the broken one (on another thread, racing the next send) must not close it.
        MockProducer<String, Command> failing = new MockProducer<>(false, null, new StringSerializer(),
                Topics.COMMANDS.valueSerde().serializer()) {
            @Override
            public void close() {
            }

            @Override
            public void close(Duration timeout) {
            }
        };
        MembershipFeed feedOverFailingKafka = feedOver(failing);
        feedOverFailingKafka.opened(alice);
        failing.errorNext(new TimeoutException("no broker"));

        feedOverFailingKafka.askAgainIfDue(alice, Duration.ofMinutes(1));

        assertThat(failing.history()).hasSize(2);
    }
}
