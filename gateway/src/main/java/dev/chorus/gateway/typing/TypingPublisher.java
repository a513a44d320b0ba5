package dev.chorus.gateway.typing;

import dev.chorus.delivery.Typing;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Problem;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** Writes typing signals to {@code chorus.ephemeral}, keyed by group so a group's starts and stops stay in order. */
final class TypingPublisher {

    private static final Logger log = LoggerFactory.getLogger(TypingPublisher.class);
    private static final Problem UNAVAILABLE = new Problem(ErrorCode.UNAVAILABLE,
            "the typing signal could not be sent now; retry later");

    private final Producer<String, Typing> producer;

    TypingPublisher(Producer<String, Typing> producer) {
        this.producer = producer;
    }

    /** @param onFailure called at most once, possibly on the producer's I/O thread */
    void publish(Typing typing, Consumer<Problem> onFailure) {
        try {
            producer.send(new ProducerRecord<>(Topics.EPHEMERAL.name(), typing.groupId(), typing), (metadata, error) -> {
                if (error != null) {
                    fail(typing, error, onFailure);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            fail(typing, e, onFailure);
        }
    }

    private static void fail(Typing typing, Exception error, Consumer<Problem> onFailure) {
        log.warn("typing signal ({} {} in {}) was not written: {}", typing.active() ? "start" : "stop",
                typing.userId(), typing.groupId(), error.toString());
        onFailure.accept(UNAVAILABLE);
    }
}
