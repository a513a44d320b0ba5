package dev.chorus.processor.topology;

import dev.chorus.processor.group.GroupAggregate;
import dev.chorus.processor.group.GroupState;
import dev.chorus.processor.user.UserInput;
import dev.chorus.processor.user.UserState;
import dev.chorus.protocol.Message;
import dev.chorus.topic.JsonSerde;
import dev.chorus.topic.Topic;
import dev.chorus.topic.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * The processor's topology: {@code chorus.commands} in; {@code chorus.events}, {@code chorus.deliveries}
 * and {@code chorus.group-directory} out. Built from a {@link StreamsBuilder} and explicit settings only,
 * so tests run exactly the production topology.
 *
 * <p>Users are a second sub-topology: the command processor sends membership changes and profile requests,
 * keyed by user, through a repartition topic (as many partitions as {@code chorus.commands}) to the
 * processor that owns the {@code user-groups} store. Both kinds share that one topic, so on a user's
 * partition a profile request always comes after every change decided before it was asked.
 *
 * <p>The directory is a global store fed by {@code chorus.group-directory} through
 * {@code addGlobalStore}, not a {@code GlobalKTable}: the processor reads it as a plain key-value store,
 * and its own topic is its changelog, so logging is off.
 */
public final class ChorusTopology {

    // Public for replay, which reads the stores' changelogs (<application id>-<store>-changelog).
    public static final String GROUPS_STORE = "groups";
    public static final String SEQ_STORE = "group-seq";
    public static final String MESSAGES_STORE = "messages";
    public static final String DEDUP_STORE = "dedup";
    /** Not logged: its topic is {@code chorus.group-directory} itself. */
    public static final String DIRECTORY_STORE = "group-directory";
    public static final String USER_GROUPS_STORE = "user-groups";
    /** Names the internal topic {@code <application id>-users-repartition}. */
    static final String USERS_REPARTITION = "users";

    /**
     * @param maxTextChars      longest text or caption accepted, in code points
     * @param observer          told of every command processed and event written (metrics)
     * @param groupCacheMembers how many group states each task keeps decoded, counted in members (a group
     *                          weighs one more than its members); 0 decodes every one from its store
     * @param promptCommitMs    a record that finds its stream thread idle this long, and was itself written
     *                          within it, asks for a commit at once ({@link PromptCommits}); 0 leaves commits
     *                          to Streams' timer
     */
    public record Settings(int maxTextChars, TopologyObserver observer, long groupCacheMembers,
                           long promptCommitMs) {

        /** The processor's default of {@code chorus.processor.group-cache-members}. */
        public static final long DEFAULT_GROUP_CACHE_MEMBERS = 50_000;

        public Settings {
            if (groupCacheMembers < 0) {
                throw new IllegalArgumentException("groupCacheMembers cannot be negative: " + groupCacheMembers);
            }
        }

        public Settings(int maxTextChars) {
            this(maxTextChars, TopologyObserver.NONE, DEFAULT_GROUP_CACHE_MEMBERS, 0);
        }
    }

    private ChorusTopology() {
    }

    public static void build(StreamsBuilder builder, Settings settings) {
        builder.addStateStore(store(GROUPS_STORE, new JsonSerde<>(GroupState.class)));
        builder.addStateStore(store(SEQ_STORE, Serdes.Long()));
        builder.addStateStore(store(MESSAGES_STORE, new JsonSerde<>(Message.class)));
        builder.addStateStore(store(DEDUP_STORE, Serdes.Long()));
        builder.addStateStore(store(USER_GROUPS_STORE, new JsonSerde<>(UserState.class)));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DIRECTORY_STORE),
                        Topics.GROUP_DIRECTORY.keySerde(), Topics.GROUP_DIRECTORY.valueSerde()).withLoggingDisabled(),
                Topics.GROUP_DIRECTORY.name(), consumed(Topics.GROUP_DIRECTORY), DirectoryUpdater::new);

        GroupAggregate aggregate = new GroupAggregate(settings.maxTextChars());
        PromptCommits prompt = new PromptCommits(settings.promptCommitMs(), settings.observer());
        KStream<String, Output> outputs = builder.stream(Topics.COMMANDS.name(), consumed(Topics.COMMANDS))
                .process(() -> new CommandProcessor(aggregate, settings.observer(), settings.groupCacheMembers(),
                                prompt),
                        Named.as("decide"),
                        GROUPS_STORE, SEQ_STORE, MESSAGES_STORE, DEDUP_STORE);

        outputs.filter((key, out) -> out instanceof Output.Event, Named.as("events"))
                .mapValues(out -> ((Output.Event) out).event())
                .to(Topics.EVENTS.name(), produced(Topics.EVENTS));
        outputs.filter((key, out) -> out instanceof Output.Send, Named.as("deliveries"))
                .mapValues(out -> ((Output.Send) out).delivery())
                .to(Topics.DELIVERIES.name(), produced(Topics.DELIVERIES));
        outputs.filter((key, out) -> out instanceof Output.DirectoryEntry, Named.as("directory"))
                .mapValues(out -> ((Output.DirectoryEntry) out).group())
                .to(Topics.GROUP_DIRECTORY.name(), produced(Topics.GROUP_DIRECTORY));
        outputs.filter((key, out) -> out instanceof Output.ToUser, Named.as("to-users"))
                .mapValues(out -> ((Output.ToUser) out).input())
                .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(UserInput.class))
                        .withName(USERS_REPARTITION))
                .process(() -> new UserProcessor(prompt), Named.as("users"), USER_GROUPS_STORE)
                .to(Topics.DELIVERIES.name(), produced(Topics.DELIVERIES));
    }

    /**
     * How the topology treats a command it cannot read or cannot process: Kafka Streams' dead-letter
     * queue (KIP-1034) receives the raw record with headers naming the exception, the source topic,
     * partition and offset, and processing goes on with the next command. One bad record must not stop a
     * partition, and it must not vanish either.
     */
    public static Map<String, Object> deadLetterConfig() {
        return Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.COMMANDS_DEAD_LETTER.name(),
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
    }

    /** Logged (the default), so a crashed instance rebuilds it from its changelog. */
    private static <V> StoreBuilder<?> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }

    private static <K, V> Consumed<K, V> consumed(Topic<K, V> topic) {
        return Consumed.with(topic.keySerde(), topic.valueSerde());
    }

    private static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde());
    }
}
