package dev.chorus.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.chorus.protocol.ClientEventType;
import dev.chorus.protocol.Media;
import dev.chorus.protocol.MessageKind;

/**
 * The commands of the domain. Type names are stable wire names with a version, never Java class names,
 * so renaming a class never breaks the topic.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(CommandBody.CreateGroup.class),
        @JsonSubTypes.Type(CommandBody.DeleteGroup.class),
        @JsonSubTypes.Type(CommandBody.JoinGroup.class),
        @JsonSubTypes.Type(CommandBody.LeaveGroup.class),
        @JsonSubTypes.Type(CommandBody.ListGroups.class),
        @JsonSubTypes.Type(CommandBody.GetInitData.class),
        @JsonSubTypes.Type(CommandBody.GetMessages.class),
        @JsonSubTypes.Type(CommandBody.PostMessage.class),
        @JsonSubTypes.Type(CommandBody.GetProfile.class)
})
public sealed interface CommandBody {

    /** The client event this command answers, echoed in {@code SYSTEM:ERROR.requestType}. */
    ClientEventType requestType();

    /** The record key: the group for group commands, the actor for user-scoped ones. */
    String key(Actor actor);

    /** A command about one group, keyed by the group so all of a group's commands are ordered. */
    sealed interface GroupCommand extends CommandBody {
        String groupId();

        default String key(Actor actor) {
            return groupId();
        }
    }

    /** A command about the asking user, keyed by the user. */
    sealed interface UserCommand extends CommandBody {
        default String key(Actor actor) {
            return actor.userId();
        }
    }

    /** The gateway chooses the new group's id, so the command can be keyed by it. */
    @JsonTypeName("group.create.v1")
    record CreateGroup(String groupId, String name, String description) implements GroupCommand {
        public ClientEventType requestType() {
            return ClientEventType.ADD_GROUP;
        }
    }

    @JsonTypeName("group.delete.v1")
    record DeleteGroup(String groupId) implements GroupCommand {
        public ClientEventType requestType() {
            return ClientEventType.DELETE_GROUP;
        }
    }

    @JsonTypeName("group.join.v1")
    record JoinGroup(String groupId) implements GroupCommand {
        public ClientEventType requestType() {
            return ClientEventType.JOIN_GROUP;
        }
    }

    @JsonTypeName("group.leave.v1")
    record LeaveGroup(String groupId) implements GroupCommand {
        public ClientEventType requestType() {
            return ClientEventType.LEAVE_GROUP;
        }
    }

    @JsonTypeName("group.list.v1")
    record ListGroups() implements UserCommand {
        public ClientEventType requestType() {
            return ClientEventType.GET_ALL_GROUPS;
        }
    }

    @JsonTypeName("group.get-init-data.v1")
    record GetInitData(String groupId) implements GroupCommand {
        public ClientEventType requestType() {
            return ClientEventType.GET_INIT_DATA;
        }
    }

    @JsonTypeName("message.get-page.v1")
    record GetMessages(String groupId, Integer limit, Long beforeSeq, Long afterSeq) implements GroupCommand {
        public ClientEventType requestType() {
            return ClientEventType.GET_INIT_MESSAGES;
        }
    }

    /** {@code media} is a resolved reference (never bytes); {@code null} for text. */
    @JsonTypeName("message.post.v1")
    record PostMessage(String groupId, MessageKind kind, String text, Media media, String clientMessageId)
            implements GroupCommand {
        public ClientEventType requestType() {
            return kind.sendType();
        }
    }

    @JsonTypeName("user.get-profile.v1")
    record GetProfile() implements UserCommand {
        public ClientEventType requestType() {
            return ClientEventType.REFRESH_PROFILE;
        }
    }
}
