package dev.chorus.gateway.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A producer that is thrown away and made again after an error it cannot recover from. An idempotent
 * producer that was fenced, lost its sequence, or timed out with sends in doubt is best not trusted again
 * (Jepsen's advice for Kafka clients); without this, one such error would leave the gateway answering
 * UNAVAILABLE for ever. Sends still on the old producer fail, and their clients retry with the same id.
 */
final class ReplaceableProducer<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplaceableProducer.class);

    private final String name;
    private final Supplier<Producer<K, V>> factory;
    private Producer<K, V> current;
    private boolean closed;
    private long replacements;

    ReplaceableProducer(String name, Supplier<Producer<K, V>> factory) {
        this.name = name;
        this.factory = factory;
        this.current = factory.get();
    }

    synchronized Producer<K, V> get() {
        return current;
    }

    /** Whether a send that failed with this error should not go on through the same producer. */
    static boolean isFatal(Throwable error) {
        return error instanceof ProducerFencedException || error instanceof OutOfOrderSequenceException
                || error instanceof InvalidProducerEpochException || error instanceof UnknownProducerIdException
                || error instanceof AuthenticationException || error instanceof TimeoutException
                || error instanceof IllegalStateException;
    }

    /**
     * Replaces {@code broken} unless that happened already (many sends fail together) or this is closed. The
     * old one is closed at once, on another thread: this may be called from its own I/O thread.
     */
    void replace(Producer<K, V> broken, Throwable why) {
        Producer<K, V> next;
        synchronized (this) {
            if (closed || current != broken) {
                return;
            }
            next = factory.get();
            current = next;
            replacements++;
        }
        log.warn("replacing the {} producer after {}", name, why.toString());
        // a factory that hands out one shared producer (a test's) must not see it closed under it
        if (next != broken) {
            new Thread(() -> broken.close(Duration.ZERO), name + "-producer-close").start();
        }
    }

    synchronized long replacements() {
        return replacements;
    }

    /** Waits until every send made so far is acknowledged or failed. */
    void flush() {
        get().flush();
    }

    @Override
    public void close() {
        Producer<K, V> last;
        synchronized (this) {
            closed = true;
            last = current;
        }
        last.close();
    }
}
