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
import dev.chorus.protocol.Sender;
import dev.chorus.protocol.ServerEventType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chorus.processor.group.Given.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/** Posting messages: given events, when a command, then events and deliveries. */
class PostMessageTest {

    private final GroupFixture fixture = new GroupFixture();
    private final Commands commands = new Commands();

    private static CommandBody.PostMessage text(String text, String clientMessageId) {
        return new CommandBody.PostMessage(GROUP, MessageKind.TEXT, text, null, clientMessageId);
    }

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
