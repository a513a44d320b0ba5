package dev.chorus.topic;

import dev.chorus.command.Command;
import dev.chorus.delivery.Delivery;
import dev.chorus.delivery.Typing;
import dev.chorus.event.DomainEvent;
import dev.chorus.protocol.Group;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every topic of Chorus. No topic name is written anywhere else. */
public final class Topics {

    /** What clients asked, keyed by group (or by user for user-scoped requests). */
    public static final Topic<String, Command> COMMANDS = new Topic<>("chorus.commands",
            Serdes.String(), new JsonSerde<>(Command.class), retention(Duration.ofDays(7)));

    /** The domain facts, keyed by group: the audit log, kept forever. */
    public static final Topic<String, DomainEvent> EVENTS = new Topic<>("chorus.events",
            Serdes.String(), new JsonSerde<>(DomainEvent.class),
            Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));

    /** What gateways push, with its audience; every gateway reads every partition. */
    public static final Topic<String, Delivery> DELIVERIES = new Topic<>("chorus.deliveries",
            Serdes.String(), new JsonSerde<>(Delivery.class), retention(Duration.ofHours(6)));

    /** Typing signals between gateways, keyed by group; never stored by the processor. */
    public static final Topic<String, Typing> EPHEMERAL = new Topic<>("chorus.ephemeral",
            Serdes.String(), new JsonSerde<>(Typing.class), retention(Duration.ofMinutes(10)));

    /**
     * Every live group's summary, keyed by group id, a tombstone once deleted. Compacted, and read whole
     * by every processor instance so that the group directory can be answered anywhere.
     */
    public static final Topic<String, Group> GROUP_DIRECTORY = new Topic<>("chorus.group-directory",
            Serdes.String(), new JsonSerde<>(Group.class),
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /**
     * Commands the processor could not read or process, as they arrived, with Kafka Streams' dead-letter
     * headers saying why. Kept as long as the commands themselves, for an operator to inspect.
     */
    public static final Topic<byte[], byte[]> COMMANDS_DEAD_LETTER = new Topic<>("chorus.commands.dlq",
            Serdes.ByteArray(), Serdes.ByteArray(), retention(Duration.ofDays(7)));

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return List.of(COMMANDS, EVENTS, DELIVERIES, EPHEMERAL, GROUP_DIRECTORY, COMMANDS_DEAD_LETTER);
    }

    private static Map<String, String> retention(Duration retention) {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }
}
