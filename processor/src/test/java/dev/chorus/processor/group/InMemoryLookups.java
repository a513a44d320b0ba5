package dev.chorus.processor.group;

import dev.chorus.event.DomainEvent;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The history and directory of one group as plain maps, kept current from the given events. */
final class InMemoryLookups implements Lookups {

    private final TreeMap<Long, Message> history = new TreeMap<>();
    private final Map<List<String>, Long> sent = new HashMap<>();
    private final List<Group> directory = new ArrayList<>();

    void apply(DomainEvent event) {
        if (event instanceof DomainEvent.MessagePosted posted) {
            Message m = posted.message();
            history.put(m.seq(), m);
            if (m.clientMessageId() != null) {
                sent.put(List.of(m.sender().userId(), m.clientMessageId()), m.seq());
            }
        } else if (event instanceof DomainEvent.GroupDeleted) {
            history.clear();
            sent.clear();
        }
    }

    void addToDirectory(Group group) {
        directory.add(group);
    }

    @Override
    public long lastSeq() {
        return history.isEmpty() ? 0 : history.lastKey();
    }

    @Override
    public Optional<Message> original(String senderId, String clientMessageId) {
        return Optional.ofNullable(sent.get(List.of(senderId, clientMessageId))).map(history::get);
    }

    @Override
    public List<Message> messages(long fromSeq, long toSeq) {
        return List.copyOf(history.subMap(fromSeq, true, toSeq, true).values());
    }

    @Override
    public List<Group> directory() {
        return List.copyOf(directory);
    }
}
