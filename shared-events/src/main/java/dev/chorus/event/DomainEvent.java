package dev.chorus.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Message;

import java.time.Instant;

/**
 * The facts of the domain, as written to {@code chorus.events} (the audit log, kept forever). Each type
 * name carries its version; a change of shape is a new type name, and readers keep reading the old ones.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(DomainEvent.GroupCreated.class),
        @JsonSubTypes.Type(DomainEvent.MemberJoined.class),
        @JsonSubTypes.Type(DomainEvent.MemberLeft.class),
        @JsonSubTypes.Type(DomainEvent.OwnershipTransferred.class),
        @JsonSubTypes.Type(DomainEvent.GroupDeleted.class),
        @JsonSubTypes.Type(DomainEvent.MessagePosted.class)
})
public sealed interface DomainEvent {

    String groupId();

    Instant occurredAt();

    @JsonTypeName("chorus.group.created.v1")
    record GroupCreated(String groupId, String name, String description, String createdBy, Instant occurredAt)
            implements DomainEvent {
    }

    @JsonTypeName("chorus.member.joined.v1")
    record MemberJoined(String groupId, Member member, Instant occurredAt) implements DomainEvent {
    }

    @JsonTypeName("chorus.member.left.v1")
    record MemberLeft(String groupId, String userId, Instant occurredAt) implements DomainEvent {
    }

    /** The owner left and the longest-standing member took the role. */
    @JsonTypeName("chorus.group.ownership-transferred.v1")
    record OwnershipTransferred(String groupId, String fromUserId, String toUserId, Instant occurredAt)
            implements DomainEvent {
    }

    @JsonTypeName("chorus.group.deleted.v1")
    record GroupDeleted(String groupId, String deletedBy, Instant occurredAt) implements DomainEvent {
    }

    @JsonTypeName("chorus.message.posted.v1")
    record MessagePosted(String groupId, Message message, Instant occurredAt) implements DomainEvent {
    }
}
