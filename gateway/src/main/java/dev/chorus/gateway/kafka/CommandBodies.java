package dev.chorus.gateway.kafka;

import dev.chorus.command.CommandBody;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.MessageKind;

import java.util.UUID;

/** Turns a validated client request into the command the processor decides on. */
final class CommandBodies {

    private CommandBodies() {
    }

    /**
     * @throws IllegalArgumentException for requests that do not travel as they are: typing never becomes a
     *                                  command, and a media send needs its reference resolved first
     */
    static CommandBody of(ClientRequest request) {
        return switch (request.type()) {
            case GET_ALL_GROUPS -> new CommandBody.ListGroups();
            case ADD_GROUP -> createGroup((ClientRequest.AddGroup) request);
            case DELETE_GROUP -> new CommandBody.DeleteGroup(((ClientRequest.DeleteGroup) request).groupId());
            case JOIN_GROUP -> new CommandBody.JoinGroup(((ClientRequest.JoinGroup) request).groupId());
            case LEAVE_GROUP -> new CommandBody.LeaveGroup(((ClientRequest.LeaveGroup) request).groupId());
            case GET_INIT_DATA -> new CommandBody.GetInitData(((ClientRequest.GetInitData) request).groupId());
            case GET_INIT_MESSAGES -> getMessages((ClientRequest.GetInitMessages) request);
            case SEND_MESSAGE_TEXT -> postText((ClientRequest.SendMessageText) request);
            case REFRESH_PROFILE -> new CommandBody.GetProfile();
            case START_TYPING, STOP_TYPING, SEND_MESSAGE_IMAGE, SEND_MESSAGE_AUDIO, SEND_MESSAGE_GIF ->
                    throw new IllegalArgumentException(request.type().wireName() + " does not travel as a command");
        };
    }

    /** The gateway names the group so that the command can be keyed, and so ordered, by it. */
    private static CommandBody createGroup(ClientRequest.AddGroup add) {
        return new CommandBody.CreateGroup(UUID.randomUUID().toString(), add.name(), add.description());
    }

    private static CommandBody getMessages(ClientRequest.GetInitMessages page) {
        return new CommandBody.GetMessages(page.groupId(), page.limit(), page.beforeSeq(), page.afterSeq());
    }

    private static CommandBody postText(ClientRequest.SendMessageText send) {
        return new CommandBody.PostMessage(send.groupId(), MessageKind.TEXT, send.text(), null,
                send.clientMessageId());
    }
}
