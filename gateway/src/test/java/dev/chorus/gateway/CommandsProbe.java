package dev.chorus.gateway;

import dev.chorus.command.Command;
import dev.chorus.gateway.membership.MembershipIndex;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Watches {@code chorus.commands} from the moment it is opened. The profile requests the gateway makes by
 * itself when a user connects (for its membership index) are left out unless asked for: they answer no
 * client request, and arrive whenever the connection that caused them happens to be made.
 */
final class CommandsProbe implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, Command> consumer;
    private final boolean withIndexRequests;

    private CommandsProbe(String bootstrapServers, boolean withIndexRequests) {
        this.withIndexRequests = withIndexRequests;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.COMMANDS.keySerde().deserializer(), Topics.COMMANDS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMANDS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    static CommandsProbe fromNow() {
        return new CommandsProbe(SharedBroker.bootstrapServers(), false);
    }

    /** Every command, the gateway's own profile requests included. */
    static CommandsProbe fromNowWithIndexRequests() {
        return new CommandsProbe(SharedBroker.bootstrapServers(), true);
    }

    /**
     * Every command written since the probe opened, up to the first that matches and whatever else arrives
     * within {@code settle} after it.
     */
    List<ConsumerRecord<String, Command>> until(Predicate<Command> last, Duration settle) {
        List<ConsumerRecord<String, Command>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(TestSocket.WAIT);
        while (seen.stream().noneMatch(record -> last.test(record.value()))) {
            if (Instant.now().isAfter(deadline)) {
                return fail("no matching command within " + TestSocket.WAIT + "; saw " + seen);
            }
            poll(seen);
        }
        Instant settled = Instant.now().plus(settle);
        while (Instant.now().isBefore(settled)) {
            poll(seen);
        }
        return seen;
    }

    private void poll(List<ConsumerRecord<String, Command>> seen) {
        for (ConsumerRecord<String, Command> record : consumer.poll(POLL)) {
            if (withIndexRequests || !MembershipIndex.isIndexReply(record.value().replyTo().connectionId())) {
                seen.add(record);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
