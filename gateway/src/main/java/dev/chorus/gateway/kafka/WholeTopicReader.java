package dev.chorus.gateway.kafka;

import dev.chorus.topic.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Metric;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads every partition of one topic from its end on its own thread, with no consumer group and nothing
 * committed: what every gateway must see whole (deliveries, typing) from the moment it starts. It starts
 * before the web server and returns from {@link #start()} only once positioned at the end of every
 * partition, so nothing written for a connection after it opens is skipped. An unreadable record is logged
 * and stepped over; the reader never stops for one.
 *
 * <p>Its {@link #health()} is what the gateway's probes read: kept up to date by the reader's own thread, so a
 * probe never waits for Kafka. A reader fetches all the time (an empty fetch returns after the broker's wait,
 * half a second by default), so the time since its client last heard from a broker says whether this gateway
 * can reach the cluster.
 */
public abstract class WholeTopicReader<V> implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String what;
    private final Topic<String, V> topic;
    private final Supplier<Consumer<String, V>> consumers;
    private final Duration pollTimeout;
    private final Duration startupTimeout;
    private volatile boolean running;
    private volatile boolean stopRequested;
    private volatile boolean wasPositioned;
    /** {@link System#nanoTime()} when the consumer last received a response from any broker. */
    private volatile long lastResponseNanos;
    private double responsesSeen;
    private volatile Throwable startFailure;
    private volatile Consumer<String, V> consumer;
    private Thread thread;

    /** @param what what the reader reads, for thread names and log lines (e.g. "deliveries") */
    protected WholeTopicReader(String what, Topic<String, V> topic, Supplier<Consumer<String, V>> consumers,
                               Duration pollTimeout, Duration startupTimeout) {
        this.what = what;
        this.topic = topic;
        this.consumers = consumers;
        this.pollTimeout = pollTimeout;
        this.startupTimeout = startupTimeout;
    }

    /**
     * What the probes need, read without touching Kafka.
     *
     * @param positioned        at the end of every partition and reading
     * @param failed            stopped by itself after it was positioned: this gateway pushes no more of what it reads
     * @param sinceLastResponse how long ago the reader's client last heard from a broker
     */
    public record Health(String what, boolean positioned, boolean failed, Duration sinceLastResponse) {
    }

    public Health health() {
        boolean positionedNow = wasPositioned && running;
        boolean failed = wasPositioned && !running && !stopRequested;
        long last = lastResponseNanos;
        Duration since = last == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - last);
        return new Health(what, positionedNow, failed, since);
    }

    /** Called on the reader's thread for every record, in partition order; must not throw for one bad record. */
    protected abstract void handle(ConsumerRecord<String, V> record);

    @Override
    public void start() {
        // One latch per start: a reader may be stopped and started again (Spring pauses the lifecycle of a
        // cached test context that is not in use), and must then be positioned again before start returns.
        CountDownLatch started = new CountDownLatch(1);
        startFailure = null;
        wasPositioned = false;
        running = true;
        stopRequested = false;
        thread = new Thread(() -> run(started), "chorus-" + what + "-reader");
        thread.start();
        try {
            if (!started.await(startupTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw new IllegalStateException("the " + what + " reader was not positioned within " + startupTimeout
                        + ": is Kafka reachable, and does " + topic.name() + " exist?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while positioning the " + what + " reader", e);
        }
        if (startFailure != null || !running) {
            running = false;
            throw new IllegalStateException("the " + what + " reader could not start", startFailure);
        }
    }

    private void run(CountDownLatch positioned) {
        responsesSeen = 0;
        try (Consumer<String, V> reader = consumers.get()) {
            consumer = reader;
            List<TopicPartition> partitions = partitions(reader);
            reader.assign(partitions);
            reader.seekToEnd(partitions);
            // seekToEnd is lazy; position() resolves it now, so nothing written after start-up is skipped.
            partitions.forEach(reader::position);
            log.info("reading {} partition(s) of {} from their end", partitions.size(), topic.name());
            Optional<Metric> responses = responseCount(reader);
            lastResponseNanos = System.nanoTime();
            wasPositioned = true;
            positioned.countDown();
            while (running) {
                poll(reader);
                responses.ifPresent(this::noteResponses);
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("the {} reader was woken up while running; it stops", what, e);
            }
        } catch (RuntimeException e) {
            if (positioned.getCount() > 0) {
                startFailure = e;
            } else {
                log.error("the {} reader failed and stops: this gateway pushes no more {}", what, what, e);
            }
        } finally {
            running = false;
            consumer = null;
            positioned.countDown();
        }
    }

    /** The client's count of responses received from brokers, fetches and metadata alike. */
    private static Optional<Metric> responseCount(Consumer<?, ?> reader) {
        return reader.metrics().entrySet().stream()
                .filter(entry -> entry.getKey().name().equals("response-total")
                        && entry.getKey().group().equals("consumer-metrics"))
                .<Metric>map(Map.Entry::getValue)
                .findFirst();
    }

    private void noteResponses(Metric responses) {
        if (responses.metricValue() instanceof Number count && count.doubleValue() > responsesSeen) {
            responsesSeen = count.doubleValue();
            lastResponseNanos = System.nanoTime();
        }
    }

    /** Waits for the topic's metadata as long as start-up waits; {@link #stop()} ends the wait. */
    private List<TopicPartition> partitions(Consumer<String, V> reader) {
        while (running) {
            List<PartitionInfo> infos = reader.partitionsFor(topic.name());
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            // Metadata of a topic created a moment ago may not have reached the broker we asked yet.
            try {
                Thread.sleep(pollTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + topic.name(), e);
            }
        }
        throw new IllegalStateException("stopped before " + topic.name() + " had partitions");
    }

    private void poll(Consumer<String, V> reader) {
        try {
            for (ConsumerRecord<String, V> record : reader.poll(pollTimeout)) {
                handle(record);
            }
        } catch (RecordDeserializationException e) {
            log.error("skipping an unreadable record of {} at {} offset {}", what, e.topicPartition(), e.offset(), e);
            reader.seek(e.topicPartition(), e.offset() + 1);
        } finally {
            polled();
        }
    }

    /** Runs after the records of each poll have been handled, however the poll ended. */
    protected void polled() {
    }

    @Override
    public void stop() {
        stopRequested = true;
        running = false;
        Consumer<String, V> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread reader = thread;
        if (reader != null && reader != Thread.currentThread()) {
            try {
                reader.join(startupTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("interrupted while waiting for the {} reader to close", what);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts, after it stops: the reader outlives every connection. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }
}
