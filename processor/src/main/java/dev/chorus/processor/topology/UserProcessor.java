package dev.chorus.processor.topology;

import dev.chorus.delivery.Delivery;
import dev.chorus.processor.group.Decision;
import dev.chorus.processor.user.UserAggregate;
import dev.chorus.processor.user.UserInput;
import dev.chorus.processor.user.UserState;
import dev.chorus.protocol.Group;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Optional;

/**
 * The users' side of the topology, reading the topic repartitioned by user: folds membership changes into
 * the {@code user-groups} store and answers profile requests from it and from the group directory.
 */
final class UserProcessor implements Processor<String, UserInput, String, Delivery> {

    private final PromptCommits prompt;
    private ProcessorContext<String, Delivery> context;
    private KeyValueStore<String, UserState> users;
    private KeyValueStore<String, Group> directory;

    UserProcessor(PromptCommits prompt) {
        this.prompt = prompt;
    }

    @Override
    public void init(ProcessorContext<String, Delivery> context) {
        this.context = context;
        this.users = context.getStateStore(ChorusTopology.USER_GROUPS_STORE);
        this.directory = context.getStateStore(ChorusTopology.DIRECTORY_STORE);
    }

    /** Only the command processor writes this topic, so a record it cannot read is a bug: it fails loudly. */
    @Override
    public void process(Record<String, UserInput> record) {
        prompt.recordTaken(context, record.timestamp());
        UserInput input = record.value();
        if (input == null) {
            throw new IllegalArgumentException("a record repartitioned by user has no value, key " + record.key());
        }
        UserState state = load(input.userId());
        if (input instanceof UserInput.ProfileAsked asked) {
            Decision decision = UserAggregate.decide(asked.command(), state,
                    groupId -> Optional.ofNullable(directory.get(groupId)));
            for (Delivery delivery : decision.deliveries()) {
                context.forward(record.withKey(input.userId()).withValue(delivery));
            }
            return;
        }
        UserState after = UserAggregate.evolve(state, (UserInput.MembershipChange) input);
        if (after.isEmpty()) {
            // a user in no group needs no entry: the store holds members, not everyone who ever was one
            users.delete(input.userId());
        } else {
            users.put(input.userId(), after);
        }
    }

    private UserState load(String userId) {
        UserState state = users.get(userId);
        return state == null ? UserState.EMPTY : state;
    }
}
