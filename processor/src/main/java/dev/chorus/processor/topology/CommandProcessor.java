package dev.chorus.processor.topology;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Delivery;
import dev.chorus.event.CloudEvents;
import dev.chorus.event.DomainEvent;
import dev.chorus.processor.group.Decision;
import dev.chorus.processor.group.GroupAggregate;
import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.user.UserAggregate;
import dev.chorus.processor.user.UserInput;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.List;

/**
 * Decides one command at a time: loads the group's state, asks the aggregate, then writes the stores and
 * forwards the events (with their CloudEvents headers), the deliveries, the directory entry and the
 * membership changes for the users' side; profile requests go to the users' side as they are. Under
 * exactly_once_v2 all of it commits with the command's offset or none of it does.
 */
final class CommandProcessor implements Processor<String, Command, String, Output> {

    private static final String ACCEPTED = "ACCEPTED";

    private final GroupAggregate aggregate;
    private final TopologyObserver observer;
    private final long groupCacheMembers;
    private final PromptCommits prompt;
    private ProcessorContext<String, Output> context;
    private GroupStores stores;

    CommandProcessor(GroupAggregate aggregate, TopologyObserver observer, long groupCacheMembers,
                     PromptCommits prompt) {
        this.aggregate = aggregate;
        this.observer = observer;
        this.groupCacheMembers = groupCacheMembers;
        this.prompt = prompt;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        // a new cache on every init: Streams initializes a task again after wiping and restoring its stores
        this.stores = new GroupStores(context, groupCacheMembers);
    }

    /**
     * A command that cannot be decided throws before anything is written; the processing exception
     * handler then sends it to the dead-letter topic with the reason.
     */
    @Override
    public void process(Record<String, Command> record) {
        prompt.recordTaken(context, record.timestamp());
        Command command = requireComplete(record.value());
        if (command.body() instanceof CommandBody.GetProfile) {
            // The user's groups live on the user's partition of the membership repartition; asking there
            // too puts the request behind every membership change decided before it was made.
            context.forward(record.withKey(command.key())
                    .withValue(new Output.ToUser(new UserInput.ProfileAsked(command))));
            observer.commandProcessed(TypeNames.of(command.body()), ACCEPTED);
            return;
        }
        String groupId = command.body() instanceof CommandBody.GroupCommand g ? g.groupId() : null;
        GroupState before = groupId == null ? GroupState.NONE : stores.group(groupId);
        Decision decision = aggregate.decide(command, before, stores.lookups(groupId));
        GroupState after = GroupAggregate.evolveAll(before, decision.events());

        stores.save(groupId, before, after, decision.events());
        List<DomainEvent> events = decision.events();
        for (int i = 0; i < events.size(); i++) {
            DomainEvent event = events.get(i);
            context.forward(record.withKey(event.groupId()).withValue(new Output.Event(event))
                    .withHeaders(CloudEvents.headers(event, eventId(i), command.commandId())));
            observer.eventWritten(TypeNames.of(event));
        }
        if (!after.equals(before)) {
            context.forward(record.withKey(groupId)
                    .withValue(new Output.DirectoryEntry(after.live() ? after.group() : null)));
        }
        for (UserInput.MembershipChange change : UserAggregate.changes(before, after)) {
            context.forward(record.withKey(change.userId()).withValue(new Output.ToUser(change)));
        }
        for (Delivery delivery : decision.deliveries()) {
            context.forward(record.withKey(command.key()).withValue(new Output.Send(delivery)));
        }
        observer.commandProcessed(TypeNames.of(command.body()), decision instanceof Decision.Rejected rejected
                ? rejected.problem().code().name() : ACCEPTED);
    }

    /**
     * Derived from the command's position in {@code chorus.commands}, so that deciding it again after an
     * aborted transaction gives its events the ids they had.
     */
    private String eventId(int index) {
        RecordMetadata source = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a command without a source position"));
        return CloudEvents.id(source.partition(), source.offset(), index);
    }

    /** Without these parts a command cannot even be answered, so it is not a client error but a bad record. */
    private static Command requireComplete(Command command) {
        if (command == null) {
            throw new IllegalArgumentException("a record on the commands topic has no value");
        }
        if (command.body() == null || command.actor() == null || command.actor().userId() == null
                || command.replyTo() == null || command.issuedAt() == null || command.commandId() == null) {
            throw new IllegalArgumentException("command " + command.commandId()
                    + " lacks a body, actor, reply address, issue time or id: " + command);
        }
        return command;
    }
}
