package dev.chorus.gateway.typing;

import dev.chorus.delivery.Typing;
import dev.chorus.gateway.kafka.WholeTopicReader;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Reads every partition of {@code chorus.ephemeral} from its end, as the deliveries are read: typing from
 * before a start means nothing. Signals of other gateways go to the board on the typing thread; this
 * gateway's own were applied when written.
 */
final class TypingReader extends WholeTopicReader<Typing> {

    private static final Logger log = LoggerFactory.getLogger(TypingReader.class);

    private final java.util.function.Consumer<Typing> sink;
    private final String gatewayId;

    TypingReader(Supplier<Consumer<String, Typing>> consumers, java.util.function.Consumer<Typing> sink,
                 String gatewayId, Duration pollTimeout, Duration startupTimeout) {
        super("typing", Topics.EPHEMERAL, consumers, pollTimeout, startupTimeout);
        this.sink = sink;
        this.gatewayId = gatewayId;
    }

    @Override
    protected void handle(ConsumerRecord<String, Typing> record) {
        Typing typing = record.value();
        if (typing == null || typing.groupId() == null || typing.userId() == null || typing.gatewayId() == null) {
            log.error("skipping an incomplete typing signal at {}-{} offset {}: {}", record.topic(),
                    record.partition(), record.offset(), typing);
        } else if (!gatewayId.equals(typing.gatewayId())) {
            sink.accept(typing);
        }
    }
}
