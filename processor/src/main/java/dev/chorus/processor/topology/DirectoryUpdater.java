package dev.chorus.processor.topology;

import dev.chorus.protocol.Group;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Copies {@code chorus.group-directory} into the global store, tombstones as deletes. */
final class DirectoryUpdater implements Processor<String, Group, Void, Void> {

    private KeyValueStore<String, Group> directory;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        directory = context.getStateStore(ChorusTopology.DIRECTORY_STORE);
    }

    @Override
    public void process(Record<String, Group> record) {
        if (record.value() == null) {
            directory.delete(record.key());
        } else {
            directory.put(record.key(), record.value());
        }
    }
}
