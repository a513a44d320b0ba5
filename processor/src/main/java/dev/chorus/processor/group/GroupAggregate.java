package dev.chorus.processor.group;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.event.DomainEvent;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Member;
import dev.chorus.protocol.Problem;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.Rules;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The group aggregate: {@link #decide} turns a command and the group's state into a {@link Decision},
 * {@link #evolve} folds an event into the state. Both are pure; everything {@code decide} stamps uses the
 * command's {@code issuedAt}, so replaying the log gives the same result.
 */
public final class GroupAggregate {

    private final Conversation conversation;

    /** @param maxTextChars longest text or caption accepted, in code points */
    public GroupAggregate(int maxTextChars) {
        this.conversation = new Conversation(maxTextChars);
    }

    /**
     * Profile requests are the user aggregate's ({@code dev.chorus.processor.user}), not this one's.
     *
     * @param state   the state of the command's group, {@link GroupState#NONE} for user-scoped commands
     * @param lookups history and directory reads about the command's group
     */
    public Decision decide(Command command, GroupState state, Lookups lookups) {
        CommandBody body = command.body();
        if (body instanceof CommandBody.GroupCommand g) {
            Optional<Problem> badId = Rules.id("groupId", g.groupId());
            if (badId.isPresent()) {
                return Replies.reject(command, badId.get());
            }
        }
        if (body instanceof CommandBody.CreateGroup c) {
            return create(command, c, state);
        }
        if (body instanceof CommandBody.DeleteGroup d) {
            return delete(command, d, state);
        }
        if (body instanceof CommandBody.JoinGroup j) {
            return join(command, j, state);
        }
        if (body instanceof CommandBody.LeaveGroup l) {
            return leave(command, l, state);
        }
        if (body instanceof CommandBody.ListGroups) {
            return listGroups(command, lookups);
        }
        if (body instanceof CommandBody.GetInitData i) {
            return conversation.initData(command, i, state, lookups);
        }
        if (body instanceof CommandBody.GetMessages m) {
            return conversation.messages(command, m, state, lookups);
        }
        if (body instanceof CommandBody.PostMessage p) {
            return conversation.post(command, p, state, lookups);
        }
        throw new IllegalArgumentException("no decision for command body " + body);
    }

    public static GroupState evolve(GroupState state, DomainEvent event) {
        if (event instanceof DomainEvent.GroupCreated e) {
            Group group = new Group(e.groupId(), e.name(), e.description(), e.createdBy(), e.occurredAt(), 0);
            return new GroupState(group, List.of(), false);
        }
        if (!state.live()) {
            throw new IllegalStateException(event + " cannot follow a group in state " + state);
        }
        if (event instanceof DomainEvent.MemberJoined e) {
            List<Member> members = new ArrayList<>(state.members());
            members.add(e.member());
            return state.withMembers(members);
        }
        if (event instanceof DomainEvent.MemberLeft e) {
            return state.withMembers(state.members().stream().filter(m -> !m.userId().equals(e.userId())).toList());
        }
        if (event instanceof DomainEvent.OwnershipTransferred e) {
            return state.withMembers(state.members().stream()
                    .map(m -> m.userId().equals(e.toUserId()) ? m.withRole(Role.OWNER)
                            : m.userId().equals(e.fromUserId()) ? m.withRole(Role.MEMBER) : m)
                    .toList());
        }
        if (event instanceof DomainEvent.GroupDeleted) {
            return new GroupState(state.group().withMemberCount(0), List.of(), true);
        }
        if (event instanceof DomainEvent.MessagePosted) {
            // history lives in its own stores, so a message leaves the member list untouched
            return state;
        }
        throw new IllegalArgumentException("no evolution for event " + event);
    }

    private Decision create(Command command, CommandBody.CreateGroup c, GroupState state) {
        Optional<Problem> invalid = Rules.first(Rules.groupName(c.name()), Rules.description(c.description()));
        if (invalid.isPresent()) {
            return Replies.reject(command, invalid.get());
        }
        if (state.known()) {
            return Replies.reject(command, ErrorCode.BAD_REQUEST, "group " + c.groupId() + " already exists");
        }
        Actor actor = command.actor();
        Instant at = command.issuedAt();
        Member owner = new Member(actor.userId(), actor.displayName(), actor.avatarUrl(), Role.OWNER, at);
        List<DomainEvent> events = List.of(
                new DomainEvent.GroupCreated(c.groupId(), c.name(), c.description(), actor.userId(), at),
                new DomainEvent.MemberJoined(c.groupId(), owner, at));
        GroupState created = evolveAll(state, events);
        return new Decision.Accepted(events, List.of(
                Replies.toEveryone(ServerEventType.GROUP_ADDED, new ServerPayload.GroupAdded(created.group())),
                Replies.toUsers(List.of(actor.userId()), ServerEventType.USER_JOINED,
                        new ServerPayload.UserJoined(c.groupId(), owner))));
    }

    private Decision delete(Command command, CommandBody.DeleteGroup d, GroupState state) {
        Optional<Problem> missing = Access.live(state, d.groupId());
        if (missing.isPresent()) {
            return Replies.reject(command, missing.get());
        }
        if (!state.hasOwner(command.actor().userId())) {
            return Replies.reject(command, ErrorCode.FORBIDDEN, "only the owner may delete group " + d.groupId());
        }
        return new Decision.Accepted(
                List.of(new DomainEvent.GroupDeleted(d.groupId(), command.actor().userId(), command.issuedAt())),
                List.of(Replies.toEveryone(ServerEventType.GROUP_DELETED,
                        new ServerPayload.GroupDeleted(d.groupId()))));
    }

    private Decision join(Command command, CommandBody.JoinGroup j, GroupState state) {
        Optional<Problem> missing = Access.live(state, j.groupId());
        if (missing.isPresent()) {
            return Replies.reject(command, missing.get());
        }
        Actor actor = command.actor();
        Optional<Member> existing = state.member(actor.userId());
        if (existing.isPresent()) {
            return new Decision.Accepted(List.of(), List.of(Replies.toUsers(List.of(actor.userId()),
                    ServerEventType.USER_JOINED, new ServerPayload.UserJoined(j.groupId(), existing.get()))));
        }
        // the last member leaving leaves an empty group behind; whoever joins it next owns it
        Role role = state.members().isEmpty() ? Role.OWNER : Role.MEMBER;
        Member member = new Member(actor.userId(), actor.displayName(), actor.avatarUrl(), role, command.issuedAt());
        DomainEvent joined = new DomainEvent.MemberJoined(j.groupId(), member, command.issuedAt());
        GroupState after = evolve(state, joined);
        return new Decision.Accepted(List.of(joined), List.of(Replies.toUsers(after.memberIds(),
                ServerEventType.USER_JOINED, new ServerPayload.UserJoined(j.groupId(), member))));
    }

    private Decision leave(Command command, CommandBody.LeaveGroup l, GroupState state) {
        String leaver = command.actor().userId();
        Optional<Problem> outsider = Access.member(state, l.groupId(), leaver);
        if (outsider.isPresent()) {
            return Replies.reject(command, outsider.get());
        }
        Instant at = command.issuedAt();
        List<DomainEvent> events = new ArrayList<>();
        events.add(new DomainEvent.MemberLeft(l.groupId(), leaver, at));
        GroupState after = evolve(state, events.get(0));
        String newOwnerId = null;
        if (state.hasOwner(leaver) && !after.members().isEmpty()) {
            newOwnerId = after.members().get(0).userId();
            events.add(new DomainEvent.OwnershipTransferred(l.groupId(), leaver, newOwnerId, at));
        }
        List<String> audience = new ArrayList<>(after.memberIds());
        audience.add(leaver);
        return new Decision.Accepted(events, List.of(Replies.toUsers(audience, ServerEventType.USER_LEFT,
                new ServerPayload.UserLeft(l.groupId(), leaver, newOwnerId))));
    }

    private Decision listGroups(Command command, Lookups lookups) {
        List<Group> groups = lookups.directory().stream()
                .sorted(Comparator.comparing(Group::createdAt).thenComparing(Group::id))
                .toList();
        return Replies.answer(command, ServerEventType.RETURN_ALL_GROUPS, new ServerPayload.AllGroups(groups));
    }

    /** {@link #evolve} over several events, in order. */
    public static GroupState evolveAll(GroupState state, List<DomainEvent> events) {
        GroupState result = state;
        for (DomainEvent event : events) {
            result = evolve(result, event);
        }
        return result;
    }
}
