package dev.chorus.processor.group;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.Envelope;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Media;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.Sender;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import dev.chorus.topic.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chorus.processor.group.Given.GROUP;
import static dev.chorus.processor.testing.Commands.member;
import static org.assertj.core.api.Assertions.assertThat;

/** Posting messages and reading them back: given events, when a command, then events and deliveries. */
class ConversationTest {

    private final GroupFixture fixture = new GroupFixture();
    private final Commands commands = new Commands();

    private static CommandBody.PostMessage text(String text, String clientMessageId) {
        return new CommandBody.PostMessage(GROUP, MessageKind.TEXT, text, null, clientMessageId);
    }

    private static <T> T answer(GroupFixture.Then then, ServerEventType type, Class<T> payload) {
        assertThat(then.decision().deliveries()).hasSize(1);
        Delivery delivery = then.decision().deliveries().get(0);
        assertThat(delivery.audience()).isEqualTo(Commands.connectionOf(then.command().actor().userId()));
        assertThat(delivery.frame().type()).isEqualTo(type.wireName());
        return Json.mapper().treeToValue(delivery.frame().data(), payload);
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

    @Nested
    class PostMessage {

        @Test
        void postsTheFirstMessageAsSeqOneToEveryMember() {
            Command post = commands.by("bob", text("hello", "c-1"));
            Message message = new Message(post.commandId(), GROUP, 1, MessageKind.TEXT, new Sender("bob", "Bob"),
                    "hello", null, "c-1", post.issuedAt());

            fixture.given(Given.group("alice", "bob"))
                    .when(post)
                    .expectEvents(new DomainEvent.MessagePosted(GROUP, message, post.issuedAt()))
                    .expectDeliveries(new Delivery(new Audience.Users(List.of("alice", "bob")),
                            Envelope.of(ServerEventType.MESSAGE_RETURN_TEXT, message)));
        }

        @Test
        void numbersTheNextMessageRightAfterTheLast() {
            GroupFixture.Then then = fixture.given(Given.group("alice")).given(Given.history(7, "alice"))
                    .when(commands.by("alice", text("eighth", null)));

            assertThat(((DomainEvent.MessagePosted) then.decision().events().get(0)).message().seq()).isEqualTo(8);
        }

        @Test
        void aRepeatedClientMessageIdCreatesNothingAndAnswersTheOriginalToTheSenderAlone() {
            Message original = Given.message(1, "bob", "c-1");

            fixture.given(Given.group("alice", "bob")).given(Given.posted(1, "bob", "c-1"))
                    .when(commands.by("bob", text("hello again", "c-1")))
                    .expectNoEvents()
                    .expectDeliveries(new Delivery(Commands.connectionOf("bob"),
                            Envelope.of(ServerEventType.MESSAGE_RETURN_TEXT, original)));
        }

        @Test
        void anotherSendersClientMessageIdIsNoDuplicate() {
            Command post = commands.by("alice", text("mine", "c-1"));

            fixture.given(Given.group("alice", "bob")).given(Given.posted(1, "bob", "c-1"))
                    .when(post)
                    .expectEvents(new DomainEvent.MessagePosted(GROUP, new Message(post.commandId(), GROUP, 2,
                            MessageKind.TEXT, new Sender("alice", "Alice"), "mine", null, "c-1", post.issuedAt()),
                            post.issuedAt()));
        }

        @Test
        void postsMediaByReferenceWithItsKindsReturnType() {
            Media media = new Media("https://media.example/a.png", "image/png", 42L, 10, 10, null);
            Command post = commands.by("alice",
                    new CommandBody.PostMessage(GROUP, MessageKind.IMAGE, "a caption", media, null));

            GroupFixture.Then then = fixture.given(Given.group("alice")).when(post);

            Message message = ((DomainEvent.MessagePosted) then.decision().events().get(0)).message();
            assertThat(message.media()).isEqualTo(media);
            assertThat(message.text()).isEqualTo("a caption");
            assertThat(then.decision().deliveries().get(0).frame().type()).isEqualTo("CHAT:MESSAGE_RETURN_IMAGE");
        }

        @Test
        void mediaWithoutAReferenceIsABadRequest() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("alice", new CommandBody.PostMessage(GROUP, MessageKind.IMAGE, null, null, null)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void blankTextIsABadRequest() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("alice", text(" \n ", null)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void textOverTheLimitIsTooLargeAndTheErrorEchoesTheClientMessageId() {
            GroupFixture.Then then = fixture.given(Given.group("alice"))
                    .when(commands.by("alice", text("x".repeat(GroupFixture.MAX_TEXT_CHARS + 1), "c-9")))
                    .expectRejected(ErrorCode.TOO_LARGE);

            assertThat(then.error().clientMessageId()).isEqualTo("c-9");
            assertThat(then.error().requestType()).isEqualTo("CHAT:SEND_MESSAGE_TEXT");
        }

        @Test
        void theLimitCountsCharactersNotUtf16Units() {
            GroupFixture.Then then = fixture.given(Given.group("alice"))
                    .when(commands.by("alice", text("😀".repeat(GroupFixture.MAX_TEXT_CHARS), null)));

            assertThat(then.decision()).isInstanceOf(Decision.Accepted.class);
            assertThat(then.decision().events()).hasSize(1);
        }

        @Test
        void aBlankClientMessageIdIsABadRequest() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("alice", text("hi", " ")))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void anOutsiderIsNotAMember() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("mallory", text("hi", null)))
                    .expectRejected(ErrorCode.NOT_MEMBER);
        }

        @Test
        void aDeletedGroupIsNotFound() {
            fixture.given(Given.group("alice")).given(Given.deleted("alice"))
                    .when(commands.by("alice", text("hi", null)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    class GetMessages {

        private ServerPayload.InitMessages page(Integer limit, Long beforeSeq, Long afterSeq) {
            GroupFixture.Then then = fixture.given(Given.group("alice", "bob")).given(Given.history(120, "alice"))
                    .when(commands.by("bob", new CommandBody.GetMessages(GROUP, limit, beforeSeq, afterSeq)))
                    .expectNoEvents();
            return answer(then, ServerEventType.RETURN_INIT_MESSAGES, ServerPayload.InitMessages.class);
        }

        @Test
        void withoutACursorAnswersTheLatestDefaultPageOldestFirst() {
            ServerPayload.InitMessages page = page(null, null, null);

            assertThat(page.groupId()).isEqualTo(GROUP);
            assertThat(seqs(page.messages())).first().isEqualTo(71L);
            assertThat(seqs(page.messages())).hasSize(50).isSorted().last().isEqualTo(120L);
            assertThat(page.hasMore()).isTrue();
        }

        @Test
        void beforeSeqAnswersThePageJustBeforeIt() {
            ServerPayload.InitMessages page = page(10, 71L, null);

            assertThat(seqs(page.messages())).containsExactly(61L, 62L, 63L, 64L, 65L, 66L, 67L, 68L, 69L, 70L);
            assertThat(page.hasMore()).isTrue();
        }

        @Test
        void beforeSeqNearTheStartSaysThereIsNothingOlder() {
            ServerPayload.InitMessages page = page(10, 4L, null);

            assertThat(seqs(page.messages())).containsExactly(1L, 2L, 3L);
            assertThat(page.hasMore()).isFalse();
        }

        @Test
        void afterSeqAnswersTheFirstMessagesAfterIt() {
            ServerPayload.InitMessages page = page(5, null, 100L);

            assertThat(seqs(page.messages())).containsExactly(101L, 102L, 103L, 104L, 105L);
            assertThat(page.hasMore()).isTrue();
        }

        @Test
        void afterSeqCatchingUpToTheEndSaysThereIsNothingNewer() {
            ServerPayload.InitMessages page = page(50, null, 100L);

            assertThat(seqs(page.messages())).hasSize(20).last().isEqualTo(120L);
            assertThat(page.hasMore()).isFalse();
        }

        @Test
        void bothCursorsAreABadRequest() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("alice", new CommandBody.GetMessages(GROUP, null, 5L, 1L)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void aLimitOutOfRangeIsABadRequest() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("alice", new CommandBody.GetMessages(GROUP, 201, null, null)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void anOutsiderIsNotAMember() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("mallory", new CommandBody.GetMessages(GROUP, null, null, null)))
                    .expectRejected(ErrorCode.NOT_MEMBER);
        }

        @Test
        void anUnknownGroupIsNotFound() {
            fixture.when(commands.by("alice", new CommandBody.GetMessages(GROUP, null, null, null)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    class GetInitData {

        @Test
        void answersTheGroupItsMembersAndTheLatestFiftyMessages() {
            GroupFixture.Then then = fixture.given(Given.group("alice", "bob")).given(Given.history(51, "alice"))
                    .when(commands.by("bob", new CommandBody.GetInitData(GROUP)))
                    .expectNoEvents();

            ServerPayload.InitData data = answer(then, ServerEventType.RETURN_INIT_DATA, ServerPayload.InitData.class);
            assertThat(data.group().id()).isEqualTo(GROUP);
            assertThat(data.group().memberCount()).isEqualTo(2);
            assertThat(data.members()).containsExactly(
                    member("alice", Role.OWNER, Given.at(0)), member("bob", Role.MEMBER, Given.at(1)));
            assertThat(seqs(data.messages())).hasSize(50).isSorted().first().isEqualTo(2L);
            assertThat(data.hasMore()).isTrue();
        }

        @Test
        void aShortHistoryHasNoMore() {
            GroupFixture.Then then = fixture.given(Given.group("alice")).given(Given.history(3, "alice"))
                    .when(commands.by("alice", new CommandBody.GetInitData(GROUP)));

            ServerPayload.InitData data = answer(then, ServerEventType.RETURN_INIT_DATA, ServerPayload.InitData.class);
            assertThat(seqs(data.messages())).containsExactly(1L, 2L, 3L);
            assertThat(data.hasMore()).isFalse();
        }

        @Test
        void anOutsiderIsNotAMember() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("mallory", new CommandBody.GetInitData(GROUP)))
                    .expectRejected(ErrorCode.NOT_MEMBER);
        }

        @Test
        void aDeletedGroupIsNotFound() {
            fixture.given(Given.group("alice")).given(Given.deleted("alice"))
                    .when(commands.by("alice", new CommandBody.GetInitData(GROUP)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }
    }
}
