package dev.chorus.processor.topology;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Delivery;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Profile;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chorus.processor.topology.GroupsTopologyTest.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Profiles through the real topology: memberships repartitioned by user into the {@code user-groups} store,
 * and profile requests answered from it.
 */
class ProfileTopologyTest {

    private ChorusDriver chorus;
    private final Commands commands = new Commands();

    @BeforeEach
    void startDriver() {
        chorus = new ChorusDriver();
    }

    @AfterEach
    void closeDriver() {
        chorus.close();
    }

    private void given(String user, CommandBody body) {
        chorus.send(commands.by(user, body));
        chorus.drain();
    }

    private Profile profileOf(String user) {
        chorus.send(commands.by(user, new CommandBody.GetProfile()));
        List<KeyValue<String, Delivery>> deliveries = chorus.deliveries();
        assertThat(deliveries).extracting(kv -> kv.key, kv -> kv.value.audience(), kv -> kv.value.frame().type())
                .containsExactly(tuple(user, Commands.connectionOf(user), "USER:PROFILE_REFRESHED"));
        return data(deliveries.get(0).value, Profile.class);
    }

    private List<String> storedGroupIds(String user) {
        return chorus.userGroups().get(user).groups().stream().map(Group::id).toList();
    }

    @Test
    void shouldListTheGroupsJoinedAcrossGroupsWithTheirCurrentSummaries() {
        given("alice", new CommandBody.CreateGroup("g-1", "Hikers", null));
        given("bob", new CommandBody.CreateGroup("g-2", "Climbers", "rocks"));
        given("alice", new CommandBody.JoinGroup("g-2"));
        given("carol", new CommandBody.JoinGroup("g-1"));

        Profile profile = profileOf("alice");

        assertThat(profile.userId()).isEqualTo("alice");
        assertThat(profile.displayName()).isEqualTo("Alice");
        assertThat(profile.groups()).extracting(Group::id, Group::name, Group::memberCount)
                .containsExactly(tuple("g-1", "Hikers", 2), tuple("g-2", "Climbers", 2));
        assertThat(storedGroupIds("alice")).containsExactly("g-1", "g-2");
        assertThat(storedGroupIds("bob")).containsExactly("g-2");
        assertThat(storedGroupIds("carol")).containsExactly("g-1");
    }

    @Test
    void shouldDropAGroupTheUserLeft() {
        given("alice", new CommandBody.CreateGroup("g-1", "Hikers", null));
        given("alice", new CommandBody.CreateGroup("g-2", "Climbers", null));
        given("bob", new CommandBody.JoinGroup("g-1"));
        given("bob", new CommandBody.JoinGroup("g-2"));
        given("bob", new CommandBody.LeaveGroup("g-1"));

        assertThat(profileOf("bob").groups()).extracting(Group::id).containsExactly("g-2");
        assertThat(storedGroupIds("bob")).containsExactly("g-2");
    }

    @Test
    void shouldDropADeletedGroupFromEveryMembersProfile() {
        given("alice", new CommandBody.CreateGroup("g-1", "Hikers", null));
        given("alice", new CommandBody.CreateGroup("g-2", "Climbers", null));
        given("bob", new CommandBody.JoinGroup("g-1"));
        given("alice", new CommandBody.DeleteGroup("g-1"));

        assertThat(profileOf("alice").groups()).extracting(Group::id).containsExactly("g-2");
        assertThat(profileOf("bob").groups()).isEmpty();
        assertThat(storedGroupIds("alice")).containsExactly("g-2");
        assertThat(chorus.userGroups().get("bob")).isNull();
    }

    @Test
    void shouldAnswerAUserInNoGroupWithAnEmptyListAndStoreNothingForThem() {
        given("alice", new CommandBody.CreateGroup("g-1", "Hikers", null));

        Profile profile = profileOf("dana");

        assertThat(profile).isEqualTo(new Profile("dana", "Dana", null, List.of()));
        assertThat(chorus.userGroups().get("dana")).isNull();
    }

    @Test
    void shouldTakeTheNameAndAvatarFromTheAskersToken() {
        given("erin", new CommandBody.CreateGroup("g-1", "Hikers", null));
        Command ask = new Command("ask-1", new Actor("erin", "Erin E.", "https://img.example/erin.png"),
                Commands.replyTo("erin"), Commands.T0.plusSeconds(60), new CommandBody.GetProfile());

        chorus.send(ask);

        Profile profile = data(chorus.deliveries().get(0).value, Profile.class);
        assertThat(profile.displayName()).isEqualTo("Erin E.");
        assertThat(profile.avatarUrl()).isEqualTo("https://img.example/erin.png");
        assertThat(profile.groups()).extracting(Group::id).containsExactly("g-1");
    }

    @Test
    void shouldNotWriteAProfileRequestToTheAuditLog() {
        given("alice", new CommandBody.CreateGroup("g-1", "Hikers", null));

        profileOf("alice");

        assertThat(chorus.events()).isEmpty();
        assertThat(chorus.directoryUpdates()).isEmpty();
    }
}
