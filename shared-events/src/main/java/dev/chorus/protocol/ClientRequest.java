package dev.chorus.protocol;

/**
 * The {@code data} of every client event in PROTOCOL.md, already validated. Optional fields are
 * {@code null} when absent.
 */
public sealed interface ClientRequest {

    ClientEventType type();

    /** A request about one group. */
    sealed interface GroupScoped extends ClientRequest {
        String groupId();
    }

    record GetAllGroups() implements ClientRequest {
        public ClientEventType type() {
            return ClientEventType.GET_ALL_GROUPS;
        }
    }

    record AddGroup(String name, String description) implements ClientRequest {
        public ClientEventType type() {
            return ClientEventType.ADD_GROUP;
        }
    }

    record DeleteGroup(String groupId) implements GroupScoped {
        public ClientEventType type() {
            return ClientEventType.DELETE_GROUP;
        }
    }

    record JoinGroup(String groupId) implements GroupScoped {
        public ClientEventType type() {
            return ClientEventType.JOIN_GROUP;
        }
    }

    record LeaveGroup(String groupId) implements GroupScoped {
        public ClientEventType type() {
            return ClientEventType.LEAVE_GROUP;
        }
    }

    record GetInitData(String groupId) implements GroupScoped {
        public ClientEventType type() {
            return ClientEventType.GET_INIT_DATA;
        }
    }

    /** At most one of {@code beforeSeq} and {@code afterSeq}; neither asks for the latest page. */
    record GetInitMessages(String groupId, Integer limit, Long beforeSeq, Long afterSeq) implements GroupScoped {
        public ClientEventType type() {
            return ClientEventType.GET_INIT_MESSAGES;
        }
    }

    record StartTyping(String groupId) implements GroupScoped {
        public ClientEventType type() {
            return ClientEventType.START_TYPING;
        }
    }

    record StopTyping(String groupId) implements GroupScoped {
        public ClientEventType type() {
            return ClientEventType.STOP_TYPING;
        }
    }

    record SendMessageText(String groupId, String text, String clientMessageId) implements GroupScoped {
        public ClientEventType type() {
            return ClientEventType.SEND_MESSAGE_TEXT;
        }
    }

    /** Image, audio or GIF: exactly one of {@code mediaId} (an upload of the sender's) and {@code url}. */
    record SendMessageMedia(MessageKind kind, String groupId, String mediaId, String url, String caption,
                            String clientMessageId) implements GroupScoped {
        public ClientEventType type() {
            return kind.sendType();
        }
    }

    record RefreshProfile() implements ClientRequest {
        public ClientEventType type() {
            return ClientEventType.REFRESH_PROFILE;
        }
    }
}
