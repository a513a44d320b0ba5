package dev.chorus.processor.topology;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.ServerPayload;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static dev.chorus.processor.topology.GroupsTopologyTest.assertError;
import static dev.chorus.processor.topology.GroupsTopologyTest.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Posting and paging through the real topology: topics out, history in the stores. */
class MessagesTopologyTest {

    private static final String GROUP = "g-1";

    private ChorusDriver chorus;
    private final Commands commands = new Commands();

    @BeforeEach
    void startDriverWithAGroupOfAliceAndBob() {
        chorus = new ChorusDriver();
        chorus.send(commands.by("alice", new CommandBody.CreateGroup(GROUP, "Hikers", null)));
        chorus.send(commands.by("bob", new CommandBody.JoinGroup(GROUP)));
        chorus.drain();
    }

    @AfterEach
    void closeDriver() {
        chorus.close();
    }

    private static CommandBody.PostMessage text(String text, String clientMessageId) {
        return new CommandBody.PostMessage(GROUP, MessageKind.TEXT, text, null, clientMessageId);
    }

    private void givenMessages(int count) {
        for (int i = 1; i <= count; i++) {
            chorus.send(commands.by(i % 2 == 0 ? "bob" : "alice", text("message " + i, null)));
        }
        chorus.drain();
    }

    private List<Message> storedHistory() {
        List<Message> history = new ArrayList<>();
        try (KeyValueIterator<String, Message> range =
                     chorus.messages().range(StoreKeys.message(GROUP, 1), StoreKeys.message(GROUP, Long.MAX_VALUE))) {
            range.forEachRemaining(kv -> history.add(kv.value));
        }
        return history;
    }

    private ServerPayload.InitMessages page(Integer limit, Long beforeSeq, Long afterSeq) {
        chorus.send(commands.by("bob", new CommandBody.GetMessages(GROUP, limit, beforeSeq, afterSeq)));
        List<KeyValue<String, Delivery>> deliveries = chorus.deliveries();
        assertThat(deliveries).extracting(kv -> kv.value.audience(), kv -> kv.value.frame().type())
                .containsExactly(tuple(Commands.connectionOf("bob"), "CHAT:RETURN_INIT_MESSAGES"));
        assertThat(chorus.events()).isEmpty();
        return data(deliveries.get(0).value, ServerPayload.InitMessages.class);
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

    @Test
    void shouldPostAMessageToEveryMemberAndKeepItInHistory() {
        Command post = commands.by("bob", text("hello", "c-1"));

        chorus.send(post);

        List<KeyValue<String, DomainEvent>> events = chorus.events();
        assertThat(events).extracting(kv -> kv.key).containsExactly(GROUP);
        Message message = ((DomainEvent.MessagePosted) events.get(0).value).message();
        assertThat(message.id()).isEqualTo(post.commandId());
        assertThat(message.sentAt()).isEqualTo(post.issuedAt());
        List<KeyValue<String, Delivery>> deliveries = chorus.deliveries();
        assertThat(deliveries).extracting(kv -> kv.key, kv -> kv.value.audience(), kv -> kv.value.frame().type())
                .containsExactly(tuple(GROUP, new Audience.Users(List.of("alice", "bob")), "CHAT:MESSAGE_RETURN_TEXT"));
        assertThat(data(deliveries.get(0).value, Message.class)).isEqualTo(message);
        assertThat(storedHistory()).containsExactly(message);
        assertThat(chorus.dedup().get(StoreKeys.dedup(GROUP, "bob", "c-1"))).isEqualTo(1L);
        assertThat(chorus.directoryUpdates()).isEmpty();
    }

    @Test
    void shouldNumberMessagesWithoutGaps() {
        givenMessages(7);

        assertThat(seqs(storedHistory())).containsExactlyElementsOf(LongStream.rangeClosed(1, 7).boxed().toList());
        assertThat(chorus.seqs().get(GROUP)).isEqualTo(7L);
    }

    @Test
    void shouldAnswerARepeatedClientMessageIdWithTheOriginalAndNoNewEvent() {
        chorus.send(commands.by("bob", text("hello", "c-1")));
        Message original = ((DomainEvent.MessagePosted) chorus.events().get(0).value).message();
        chorus.drain();

        chorus.send(commands.by("bob", text("hello", "c-1")));

        assertThat(chorus.events()).isEmpty();
        List<KeyValue<String, Delivery>> deliveries = chorus.deliveries();
        assertThat(deliveries).extracting(kv -> kv.value.audience())
                .containsExactly(Commands.connectionOf("bob"));
        assertThat(data(deliveries.get(0).value, Message.class)).isEqualTo(original);
        assertThat(chorus.seqs().get(GROUP)).isEqualTo(1L);
        assertThat(storedHistory()).containsExactly(original);
    }

    @Test
    void shouldRejectAPostFromAnOutsider() {
        chorus.send(commands.by("mallory", text("hi", null)));

        assertThat(chorus.events()).isEmpty();
        assertError(chorus.deliveries(), "mallory", ErrorCode.NOT_MEMBER);
        assertThat(chorus.seqs().get(GROUP)).isNull();
    }

    @Test
    void shouldRejectAPostToAGroupThatDoesNotExist() {
        chorus.send(commands.by("bob",
                new CommandBody.PostMessage("no-such-group", MessageKind.TEXT, "hello?", null, "c-1")));

        assertThat(chorus.events()).isEmpty();
        assertError(chorus.deliveries(), "bob", ErrorCode.NOT_FOUND);
        assertThat(chorus.seqs().get("no-such-group")).isNull();
    }

    @Test
    void shouldRejectReadingTheHistoryOfAGroupOneIsNotIn() {
        givenMessages(2);

        chorus.send(commands.by("mallory", new CommandBody.GetMessages(GROUP, null, null, 0L)));

        assertThat(chorus.events()).isEmpty();
        assertError(chorus.deliveries(), "mallory", ErrorCode.NOT_MEMBER);
    }

    @Test
    void shouldRejectTextOverTheLimit() {
        chorus.send(commands.by("bob", text("x".repeat(4_001), "c-1")));

        assertThat(chorus.events()).isEmpty();
        assertError(chorus.deliveries(), "bob", ErrorCode.TOO_LARGE);
        assertThat(chorus.dedup().get(StoreKeys.dedup(GROUP, "bob", "c-1"))).isNull();
    }

    @Test
    void shouldPageTheLatestMessagesByDefault() {
        givenMessages(60);

        ServerPayload.InitMessages page = page(null, null, null);

        assertThat(seqs(page.messages())).containsExactlyElementsOf(LongStream.rangeClosed(11, 60).boxed().toList());
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void shouldPageBeforeASeq() {
        givenMessages(60);

        ServerPayload.InitMessages page = page(10, 11L, null);

        assertThat(seqs(page.messages())).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void shouldPageAfterASeqToResume() {
        givenMessages(60);

        ServerPayload.InitMessages page = page(5, null, 50L);

        assertThat(seqs(page.messages())).containsExactly(51L, 52L, 53L, 54L, 55L);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void shouldSayThereIsNothingNewerWhenResumingAtTheEnd() {
        givenMessages(3);

        ServerPayload.InitMessages page = page(null, null, 3L);

        assertThat(page.messages()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void shouldRejectAPageWithBothCursors() {
        chorus.send(commands.by("bob", new CommandBody.GetMessages(GROUP, 10, 5L, 1L)));

        assertError(chorus.deliveries(), "bob", ErrorCode.BAD_REQUEST);
    }

    @Test
    void shouldAnswerInitDataWithTheLatestFiftyMessages() {
        givenMessages(55);

        chorus.send(commands.by("bob", new CommandBody.GetInitData(GROUP)));

        List<KeyValue<String, Delivery>> deliveries = chorus.deliveries();
        assertThat(deliveries).extracting(kv -> kv.value.audience(), kv -> kv.value.frame().type())
                .containsExactly(tuple(Commands.connectionOf("bob"), "GROUP:RETURN_INIT_DATA"));
        ServerPayload.InitData data = data(deliveries.get(0).value, ServerPayload.InitData.class);
        assertThat(data.group().memberCount()).isEqualTo(2);
        assertThat(data.members()).extracting(m -> m.userId()).containsExactly("alice", "bob");
        assertThat(seqs(data.messages())).containsExactlyElementsOf(LongStream.rangeClosed(6, 55).boxed().toList());
        assertThat(data.hasMore()).isTrue();
    }

    @Test
    void shouldRejectInitDataForAnOutsider() {
        chorus.send(commands.by("mallory", new CommandBody.GetInitData(GROUP)));

        assertError(chorus.deliveries(), "mallory", ErrorCode.NOT_MEMBER);
    }

    @Test
    void shouldKeepGroupsWhoseIdsContainTheSeparatorApart() {
        String lookalike = GROUP + "|0000000000000000001";
        chorus.send(commands.by("carol", new CommandBody.CreateGroup(lookalike, "Lookalike", null)));
        chorus.send(commands.by("carol",
                new CommandBody.PostMessage(lookalike, MessageKind.TEXT, "sneaky", null, null)));
        givenMessages(2);

        ServerPayload.InitMessages page = page(null, null, null);

        assertThat(page.messages()).extracting(Message::groupId).containsOnly(GROUP);
        assertThat(seqs(page.messages())).containsExactly(1L, 2L);
    }
}
