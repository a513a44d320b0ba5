package dev.chorus.gateway.typing;

import dev.chorus.delivery.Typing;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads every partition of {@code chorus.ephemeral} from its end, as the deliveries reader reads the
 * deliveries: no consumer group, nothing committed, since typing from before a start means nothing. Signals
 * of other gateways go to the board on the typing thread; this gateway's own were applied when written.
 */
final class TypingReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TypingReader.class);

    private final Supplier<Consumer<String, Typing>> consumers;
    private final java.util.function.Consumer<Typing> sink;
    private final String gatewayId;
    private final Duration pollTimeout;
    private final Duration startupTimeout;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<String, Typing> consumer;
    private Thread thread;

    TypingReader(Supplier<Consumer<String, Typing>> consumers, java.util.function.Consumer<Typing> sink,
                 String gatewayId, Duration pollTimeout, Duration startupTimeout) {
        this.consumers = consumers;
        this.sink = sink;
        this.gatewayId = gatewayId;
        this.pollTimeout = pollTimeout;
        this.startupTimeout = startupTimeout;
    }

    /** Returns once positioned, so that a start sent right after this gateway is up reaches its members here. */
    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "chorus-typing-reader");
        thread.start();
        try {
            if (!positioned.await(startupTimeout.toMillis(), TimeUnit.MILLISECONDS) || !running) {
                stop();
                throw new IllegalStateException("the typing reader was not positioned on "
                        + Topics.EPHEMERAL.name() + " within " + startupTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while positioning the typing reader", e);
        }
    }

    private void run() {
        try (Consumer<String, Typing> reader = consumers.get()) {
            consumer = reader;
            List<TopicPartition> partitions = partitions(reader);
            reader.assign(partitions);
            reader.seekToEnd(partitions);
            partitions.forEach(reader::position);
            positioned.countDown();
            while (running) {
                poll(reader);
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("the typing reader was woken up while running; it stops", e);
            }
        } catch (RuntimeException e) {
            log.error("the typing reader failed and stops: this gateway shows no typing from others", e);
        } finally {
            running = false;
            consumer = null;
            positioned.countDown();
        }
    }

    private List<TopicPartition> partitions(Consumer<String, Typing> reader) {
        while (running) {
            List<PartitionInfo> infos = reader.partitionsFor(Topics.EPHEMERAL.name());
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            // metadata of a topic created a moment ago may not have reached the broker we asked yet
            try {
                Thread.sleep(pollTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + Topics.EPHEMERAL.name(), e);
            }
        }
        throw new IllegalStateException("stopped before " + Topics.EPHEMERAL.name() + " had partitions");
    }

    private void poll(Consumer<String, Typing> reader) {
        try {
            for (ConsumerRecord<String, Typing> record : reader.poll(pollTimeout)) {
                Typing typing = record.value();
                if (typing == null || typing.groupId() == null || typing.userId() == null
                        || typing.gatewayId() == null) {
                    log.error("skipping an incomplete typing signal at {}-{} offset {}: {}", record.topic(),
                            record.partition(), record.offset(), typing);
                } else if (!gatewayId.equals(typing.gatewayId())) {
                    sink.accept(typing);
                }
            }
        } catch (RecordDeserializationException e) {
            log.error("skipping an unreadable typing signal at {} offset {}", e.topicPartition(), e.offset(), e);
            reader.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, Typing> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread reader = thread;
        if (reader != null && reader != Thread.currentThread()) {
            try {
                reader.join(startupTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("interrupted while waiting for the typing reader to close");
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }
}
