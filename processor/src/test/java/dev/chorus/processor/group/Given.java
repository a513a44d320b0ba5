package dev.chorus.processor.group;

import dev.chorus.event.DomainEvent;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.Sender;
import dev.chorus.processor.testing.Commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Past events to start a test from. They happen before {@link Commands#T0}, an hour apart. */
final class Given {

    static final String GROUP = "g-1";
    static final String NAME = "Hikers";

    private Given() {
    }

    static Instant at(int hour) {
        return Commands.T0.minusSeconds(3_600L * (100 - hour));
    }

    static DomainEvent created(String by) {
        return new DomainEvent.GroupCreated(GROUP, NAME, null, by, at(0));
    }

    /** A group created by {@code owner}, who joined as owner, then {@code others} joined in order. */
    static List<DomainEvent> group(String owner, String... others) {
        List<DomainEvent> events = new ArrayList<>();
        events.add(created(owner));
        events.add(joined(owner, Role.OWNER, 0));
        for (int i = 0; i < others.length; i++) {
            events.add(joined(others[i], Role.MEMBER, i + 1));
        }
        return events;
    }

    static DomainEvent joined(String userId, Role role, int hour) {
        return new DomainEvent.MemberJoined(GROUP, Commands.member(userId, role, at(hour)), at(hour));
    }

    static DomainEvent left(String userId) {
        return new DomainEvent.MemberLeft(GROUP, userId, at(50));
    }

    static DomainEvent deleted(String by) {
        return new DomainEvent.GroupDeleted(GROUP, by, at(60));
    }

    static Message message(long seq, String sender, String clientMessageId) {
        return new Message("msg-" + seq, GROUP, seq, MessageKind.TEXT,
                new Sender(sender, Commands.displayName(sender)), "text " + seq, null, clientMessageId, at(70));
    }

    static DomainEvent posted(long seq, String sender, String clientMessageId) {
        return new DomainEvent.MessagePosted(GROUP, message(seq, sender, clientMessageId), at(70));
    }

    /** {@code count} messages by {@code sender}, seqs 1 to count, without client ids. */
    static List<DomainEvent> history(int count, String sender) {
        List<DomainEvent> events = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            events.add(posted(seq, sender, null));
        }
        return events;
    }
}
