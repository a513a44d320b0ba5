package dev.chorus.processor.group;

import dev.chorus.protocol.Group;
import dev.chorus.protocol.Message;

import java.util.List;
import java.util.Optional;

/**
 * What {@code decide} may read besides the group's own state: the group's history and the directory of
 * all groups. They are looked up on demand rather than passed in whole because they grow without bound.
 * Every read is about the group of the command being decided.
 */
public interface Lookups {

    /** The seq of the group's newest message, 0 when it has none. */
    long lastSeq();

    /** The message a sender already posted with this client message id, if any. */
    Optional<Message> original(String senderId, String clientMessageId);

    /** The group's messages from {@code fromSeq} to {@code toSeq}, both inclusive, oldest first. */
    List<Message> messages(long fromSeq, long toSeq);

    /** Every live group, in no particular order. */
    List<Group> directory();
}
