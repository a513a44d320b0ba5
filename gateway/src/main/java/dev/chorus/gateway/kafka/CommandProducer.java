package dev.chorus.gateway.kafka;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Problem;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes client requests to {@code chorus.commands} through the one shared idempotent producer. The answer
 * to a command comes back later as a delivery; only a failure to write it is answered from here.
 */
public final class CommandProducer {

    private static final Logger log = LoggerFactory.getLogger(CommandProducer.class);

    private final ReplaceableProducer<String, Command> producers;
    private final String gatewayId;
    private final Clock clock;
    private volatile LastWrite lastWrite;

    /**
     * How the latest command write ended, for the readiness probe. Only changes are recorded: a success after a
     * success keeps the first one's time.
     *
     * @param atNanos {@link System#nanoTime()} of the outcome
     * @param error   what went wrong; null for a success
     */
    public record LastWrite(boolean failed, long atNanos, String error) {
    }

    CommandProducer(ReplaceableProducer<String, Command> producers, String gatewayId, Clock clock) {
        this.producers = producers;
        this.gatewayId = gatewayId;
        this.clock = clock;
    }

    /** Over one producer that is never replaced: for tests. */
    CommandProducer(Producer<String, Command> producer, String gatewayId, Clock clock) {
        this(new ReplaceableProducer<>("commands", () -> producer), gatewayId, clock);
    }

    /**
     * @param onFailure called at most once, possibly on the producer's I/O thread, with the problem to
     *                  answer when the command could not be written; the command was then not accepted
     * @return the command as written
     */
    public Command submit(ClientRequest request, Actor actor, String connectionId, Consumer<Problem> onFailure) {
        return submit(CommandBodies.of(request), actor, connectionId, onFailure);
    }

    /** For requests the connection has to complete first (a media send, once its reference is resolved). */
    public Command submit(CommandBody body, Actor actor, String connectionId, Consumer<Problem> onFailure) {
        // Milliseconds are what clients (JavaScript's Date among them) keep of the times stamped from this.
        Command command = new Command(UUID.randomUUID().toString(), actor, new ReplyTo(gatewayId, connectionId),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), body);
        ProducerRecord<String, Command> record = new ProducerRecord<>(Topics.COMMANDS.name(), command.key(), command);
        Producer<String, Command> producer = producers.get();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    onSendError(producer, error);
                    fail(command, error, onFailure);
                } else {
                    succeeded();
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            onSendError(producer, e);
            fail(command, e, onFailure);
        }
        return command;
    }

    /**
     * Waits until every command submitted so far is written or failed, so that a stopping gateway answers
     * them before it closes its connections.
     */
    public void flush() {
        producers.flush();
    }

    /** Empty until the first write ends. */
    public Optional<LastWrite> lastWrite() {
        return Optional.ofNullable(lastWrite);
    }

    private void succeeded() {
        LastWrite last = lastWrite;
        if (last == null || last.failed()) {
            lastWrite = new LastWrite(false, System.nanoTime(), null);
        }
    }

    private void onSendError(Producer<String, Command> producer, Exception error) {
        lastWrite = new LastWrite(true, System.nanoTime(), error.toString());
        if (ReplaceableProducer.isFatal(error)) {
            producers.replace(producer, error);
        }
    }

    private static void fail(Command command, Exception error, Consumer<Problem> onFailure) {
        Problem problem = problemFor(error);
        log.warn("command {} ({}) from {} was not written: {}", command.commandId(),
                command.body().requestType().wireName(), command.actor().userId(), error.toString());
        onFailure.accept(problem);
    }

    /**
     * Retriable errors (timeouts, no leader, not enough replicas), a producer closed by shutdown and one that
     * failed for good (fenced, out of sequence) mean the log cannot take writes now: the client may retry, here or on another gateway. Anything else is a bug
     * or a misconfiguration that retrying will not fix.
     */
    static Problem problemFor(Exception error) {
        // A producer that failed for good has been replaced: the retry goes through the new one.
        if (error instanceof RetriableException || ReplaceableProducer.isFatal(error)) {
            return new Problem(ErrorCode.UNAVAILABLE, "the log cannot take writes now; the request was not "
                    + "accepted, retry later");
        }
        return new Problem(ErrorCode.INTERNAL, "the request could not be written to the log");
    }
}
