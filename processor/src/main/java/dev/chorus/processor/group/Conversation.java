package dev.chorus.processor.group;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.message.Page;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Problem;
import dev.chorus.protocol.Rules;
import dev.chorus.protocol.Sender;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The decisions about a group's messages: posting them and reading them back. Members only, all of them. */
final class Conversation {

    private final int maxTextChars;

    Conversation(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    Decision post(Command command, CommandBody.PostMessage p, GroupState state, Lookups lookups) {
        Actor actor = command.actor();
        Optional<Problem> refused = Rules.first(content(p), Rules.optionalId("clientMessageId", p.clientMessageId()),
                Access.member(state, p.groupId(), actor.userId()));
        if (refused.isPresent()) {
            return Replies.reject(command, refused.get());
        }
        if (p.clientMessageId() != null) {
            Optional<Message> original = lookups.original(actor.userId(), p.clientMessageId());
            if (original.isPresent()) {
                // the other members already had it; only the retrying connection may have missed it
                return Replies.answer(command, original.get().kind().returnType(), original.get());
            }
        }
        Message message = new Message(command.commandId(), p.groupId(), lookups.lastSeq() + 1, p.kind(),
                new Sender(actor.userId(), actor.displayName()), p.text(), p.media(), p.clientMessageId(),
                command.issuedAt());
        return new Decision.Accepted(
                List.of(new DomainEvent.MessagePosted(p.groupId(), message, command.issuedAt())),
                List.of(Replies.toUsers(state.memberIds(), p.kind().returnType(), message)));
    }

    Decision messages(Command command, CommandBody.GetMessages m, GroupState state, Lookups lookups) {
        Optional<Problem> refused = Rules.first(Rules.page(m.limit(), m.beforeSeq(), m.afterSeq()),
                Access.member(state, m.groupId(), command.actor().userId()));
        if (refused.isPresent()) {
            return Replies.reject(command, refused.get());
        }
        int limit = m.limit() == null ? Rules.DEFAULT_PAGE : m.limit();
        Page page = Page.of(lookups.lastSeq(), limit, m.beforeSeq(), m.afterSeq());
        return Replies.answer(command, ServerEventType.RETURN_INIT_MESSAGES,
                new ServerPayload.InitMessages(m.groupId(), read(page, lookups), page.hasMore()));
    }

    Decision initData(Command command, CommandBody.GetInitData i, GroupState state, Lookups lookups) {
        Optional<Problem> refused = Access.member(state, i.groupId(), command.actor().userId());
        if (refused.isPresent()) {
            return Replies.reject(command, refused.get());
        }
        Page page = Page.latest(lookups.lastSeq(), Rules.INIT_DATA_PAGE);
        return Replies.answer(command, ServerEventType.RETURN_INIT_DATA,
                new ServerPayload.InitData(state.group(), state.members(), read(page, lookups), page.hasMore()));
    }

    /** Text needs a non-blank body; media carries a reference and an optional caption. */
    private Optional<Problem> content(CommandBody.PostMessage p) {
        if (p.kind() == null) {
            return Optional.of(Problem.badRequest("kind must be one of text, image, audio, gif"));
        }
        if (p.kind() == MessageKind.TEXT) {
            return Rules.text(p.text(), maxTextChars);
        }
        if (p.media() == null) {
            String kind = p.kind().name().toLowerCase(Locale.ROOT);
            return Optional.of(Problem.badRequest("media is required for a " + kind + " message"));
        }
        return Rules.caption(p.text(), maxTextChars);
    }

    private static List<Message> read(Page page, Lookups lookups) {
        return page.isEmpty() ? List.of() : lookups.messages(page.fromSeq(), page.toSeq());
    }
}
