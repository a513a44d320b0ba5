package dev.chorus.analytics.topology;

import dev.chorus.event.DomainEvent;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.MessageKind;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.Sender;

import java.time.Instant;

/** Domain events as the processor writes them, at the times a test names. Message ids and seqs are made up. */
public final class Events {

    private long seq;

    public DomainEvent.MessagePosted posted(String groupId, String userId, Instant at) {
        seq++;
        Message message = new Message("m-" + seq, groupId, seq, MessageKind.TEXT, new Sender(userId, userId),
                "hello " + seq, null, "c-" + seq, at);
        return new DomainEvent.MessagePosted(groupId, message, at);
    }

    public static DomainEvent.MemberJoined joined(String groupId, String userId, Instant at) {
        return new DomainEvent.MemberJoined(groupId, new Member(userId, userId, null, Role.MEMBER, at), at);
    }

    public static DomainEvent.MemberLeft left(String groupId, String userId, Instant at) {
        return new DomainEvent.MemberLeft(groupId, userId, at);
    }

    public static DomainEvent.GroupCreated created(String groupId, String userId, Instant at) {
        return new DomainEvent.GroupCreated(groupId, "Group " + groupId, null, userId, at);
    }
}
