package dev.chorus.processor.topology;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.ServerPayload;
import dev.chorus.topic.Json;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The group commands through the real topology: topics out and state in the stores. */
class GroupsTopologyTest {

    private static final String GROUP = "g-1";

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

    static <T> T data(Delivery delivery, Class<T> type) {
        return Json.mapper().treeToValue(delivery.frame().data(), type);
    }

    private void given(String user, CommandBody body) {
        chorus.send(commands.by(user, body));
        chorus.drain();
    }

    private void givenGroup(String owner, String... members) {
        given(owner, new CommandBody.CreateGroup(GROUP, "Hikers", null));
        for (String member : members) {
            given(member, new CommandBody.JoinGroup(GROUP));
        }
    }

    @Test
    void shouldCreateAGroupAnnounceItAndStoreIt() {
        Command create = commands.by("alice", new CommandBody.CreateGroup(GROUP, "Hikers", "Up the hill"));

        chorus.send(create);

        assertThat(chorus.events()).extracting(kv -> kv.key, kv -> kv.value.getClass())
                .containsExactly(tuple(GROUP, DomainEvent.GroupCreated.class),
                        tuple(GROUP, DomainEvent.MemberJoined.class));
        List<KeyValue<String, Delivery>> deliveries = chorus.deliveries();
        assertThat(deliveries).extracting(kv -> kv.key, kv -> kv.value.audience(), kv -> kv.value.frame().type())
                .containsExactly(
                        tuple(GROUP, new Audience.Everyone(), "GROUP:GROUP_ADDED"),
                        tuple(GROUP, new Audience.Users(List.of("alice")), "GROUP:USER_JOINED"));
        Group group = new Group(GROUP, "Hikers", "Up the hill", "alice", create.issuedAt(), 1);
        assertThat(data(deliveries.get(0).value, ServerPayload.GroupAdded.class).group()).isEqualTo(group);
        assertThat(chorus.groups().get(GROUP).group()).isEqualTo(group);
        assertThat(chorus.directoryUpdates()).containsExactly(KeyValue.pair(GROUP, group));
        assertThat(chorus.directoryStore().get(GROUP)).isEqualTo(group);
    }

    @Test
    void shouldRejectCreatingAnExistingGroupAndChangeNothing() {
        givenGroup("alice");
        GroupState before = chorus.groups().get(GROUP);

        chorus.send(commands.by("bob", new CommandBody.CreateGroup(GROUP, "Other", null)));

        assertThat(chorus.events()).isEmpty();
        assertThat(chorus.directoryUpdates()).isEmpty();
        assertError(chorus.deliveries(), "bob", ErrorCode.BAD_REQUEST);
        assertThat(chorus.groups().get(GROUP)).isEqualTo(before);
    }

    @Test
    void shouldRejectCreatingAGroupWithABlankNameAndStoreNothing() {
        chorus.send(commands.by("alice", new CommandBody.CreateGroup(GROUP, "   ", null)));

        assertThat(chorus.events()).isEmpty();
        assertThat(chorus.directoryUpdates()).isEmpty();
        assertError(chorus.deliveries(), "alice", ErrorCode.BAD_REQUEST);
        assertThat(chorus.groups().get(GROUP)).isNull();
    }

    @Test
    void shouldRejectJoiningAGroupThatDoesNotExist() {
        chorus.send(commands.by("bob", new CommandBody.JoinGroup("no-such-group")));

        assertThat(chorus.events()).isEmpty();
        assertError(chorus.deliveries(), "bob", ErrorCode.NOT_FOUND);
        assertThat(chorus.groups().get("no-such-group")).isNull();
    }

    @Test
    void shouldJoinAndTellEveryMemberIncludingTheJoiner() {
        givenGroup("alice");

        chorus.send(commands.by("bob", new CommandBody.JoinGroup(GROUP)));

        assertThat(chorus.events()).extracting(kv -> kv.value).singleElement()
                .isInstanceOf(DomainEvent.MemberJoined.class);
        List<KeyValue<String, Delivery>> deliveries = chorus.deliveries();
        assertThat(deliveries).extracting(kv -> kv.value.audience(), kv -> kv.value.frame().type())
                .containsExactly(tuple(new Audience.Users(List.of("alice", "bob")), "GROUP:USER_JOINED"));
        assertThat(chorus.groups().get(GROUP).members()).extracting(Member::userId).containsExactly("alice", "bob");
        assertThat(chorus.directoryStore().get(GROUP).memberCount()).isEqualTo(2);
    }

    @Test
    void shouldAnswerARepeatedJoinToTheJoinerAloneWithoutAnEvent() {
        givenGroup("alice", "bob");

        chorus.send(commands.by("bob", new CommandBody.JoinGroup(GROUP)));

        assertThat(chorus.events()).isEmpty();
        assertThat(chorus.directoryUpdates()).isEmpty();
        assertThat(chorus.deliveries()).extracting(kv -> kv.value.audience(), kv -> kv.value.frame().type())
                .containsExactly(tuple(new Audience.Users(List.of("bob")), "GROUP:USER_JOINED"));
    }

    @Test
    void shouldHandOwnershipToTheLongestStandingMemberWhenTheOwnerLeaves() {
        givenGroup("alice", "bob", "carol");

        chorus.send(commands.by("alice", new CommandBody.LeaveGroup(GROUP)));

        assertThat(chorus.events()).extracting(kv -> kv.value.getClass().getSimpleName())
                .containsExactly("MemberLeft", "OwnershipTransferred");
        Delivery left = chorus.deliveries().get(0).value;
        assertThat(left.audience()).isEqualTo(new Audience.Users(List.of("bob", "carol", "alice")));
        assertThat(data(left, ServerPayload.UserLeft.class))
                .isEqualTo(new ServerPayload.UserLeft(GROUP, "alice", "bob"));
        assertThat(chorus.groups().get(GROUP).members()).extracting(Member::userId, Member::role)
                .containsExactly(tuple("bob", Role.OWNER), tuple("carol", Role.MEMBER));
        assertThat(chorus.directoryStore().get(GROUP).memberCount()).isEqualTo(2);
    }

    @Test
    void shouldRejectLeavingAGroupOneIsNotIn() {
        givenGroup("alice");

        chorus.send(commands.by("bob", new CommandBody.LeaveGroup(GROUP)));

        assertThat(chorus.events()).isEmpty();
        assertError(chorus.deliveries(), "bob", ErrorCode.NOT_MEMBER);
    }

    @Test
    void shouldForbidDeletingByAMemberWhoIsNotTheOwner() {
        givenGroup("alice", "bob");

        chorus.send(commands.by("bob", new CommandBody.DeleteGroup(GROUP)));

        assertThat(chorus.events()).isEmpty();
        assertError(chorus.deliveries(), "bob", ErrorCode.FORBIDDEN);
        assertThat(chorus.groups().get(GROUP).live()).isTrue();
    }

    @Test
    void shouldDeleteAGroupForgetItsHistoryAndAnswerNotFoundAfterwards() {
        givenGroup("alice", "bob");
        given("bob", new CommandBody.PostMessage(GROUP, MessageKind.TEXT, "one", null, "c-1"));
        given("alice", new CommandBody.PostMessage(GROUP, MessageKind.TEXT, "two", null, "c-2"));

        chorus.send(commands.by("alice", new CommandBody.DeleteGroup(GROUP)));

        assertThat(chorus.events()).extracting(kv -> kv.value.getClass().getSimpleName())
                .containsExactly("GroupDeleted");
        assertThat(chorus.deliveries()).extracting(kv -> kv.value.audience(), kv -> kv.value.frame().type())
                .containsExactly(tuple(new Audience.Everyone(), "GROUP:GROUP_DELETED"));
        assertThat(chorus.directoryUpdates()).containsExactly(KeyValue.pair(GROUP, null));
        assertThat(chorus.directoryStore().get(GROUP)).isNull();
        assertThat(chorus.groups().get(GROUP).deleted()).isTrue();
        assertThat(chorus.seqs().get(GROUP)).isNull();
        assertThat(storeSize(chorus.messages())).isZero();
        assertThat(storeSize(chorus.dedup())).isZero();

        chorus.send(commands.by("bob", new CommandBody.GetMessages(GROUP, null, null, null)));
        assertError(chorus.deliveries(), "bob", ErrorCode.NOT_FOUND);
        chorus.send(commands.by("carol", new CommandBody.JoinGroup(GROUP)));
        assertError(chorus.deliveries(), "carol", ErrorCode.NOT_FOUND);
    }

    @Test
    void shouldAnswerTheGroupListFromTheGlobalDirectory() {
        given("alice", new CommandBody.CreateGroup("g-2", "Second", null));
        given("bob", new CommandBody.CreateGroup("g-1", "First", null));
        given("alice", new CommandBody.CreateGroup("g-3", "Gone", null));
        given("alice", new CommandBody.DeleteGroup("g-3"));

        chorus.send(commands.by("carol", new CommandBody.ListGroups()));

        List<KeyValue<String, Delivery>> deliveries = chorus.deliveries();
        assertThat(deliveries).extracting(kv -> kv.key, kv -> kv.value.audience(), kv -> kv.value.frame().type())
                .containsExactly(tuple("carol", Commands.connectionOf("carol"), "GROUP:RETURN_ALL_GROUPS"));
        assertThat(data(deliveries.get(0).value, ServerPayload.AllGroups.class).groups())
                .extracting(Group::id).containsExactly("g-2", "g-1");
    }

    static void assertError(List<KeyValue<String, Delivery>> deliveries, String user, ErrorCode code) {
        assertThat(deliveries).hasSize(1);
        Delivery delivery = deliveries.get(0).value;
        assertThat(delivery.audience()).isEqualTo(Commands.connectionOf(user));
        assertThat(delivery.frame().type()).isEqualTo("SYSTEM:ERROR");
        assertThat(data(delivery, ServerPayload.Error.class).code()).isEqualTo(code);
    }

    static long storeSize(org.apache.kafka.streams.state.KeyValueStore<String, ?> store) {
        try (var all = store.all()) {
            long count = 0;
            while (all.hasNext()) {
                all.next();
                count++;
            }
            return count;
        }
    }
}
