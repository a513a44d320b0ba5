package dev.chorus.gateway.delivery;

import dev.chorus.delivery.Delivery;
import dev.chorus.gateway.GatewayProperties;
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
 * Reads every partition of {@code chorus.deliveries} on its own thread and routes each delivery to the local
 * connections in its audience. It starts before the web server and returns from {@link #start()} only once
 * it is positioned at the end of every partition, so that no reply to a connection's first request can be
 * written before the reader looks.
 */
class DeliveryReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReader.class);

    private final Supplier<Consumer<String, Delivery>> consumers;
    private final DeliveryRouter router;
    private final GatewayProperties.Kafka settings;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Throwable startFailure;
    private volatile Consumer<String, Delivery> consumer;
    private Thread thread;

    DeliveryReader(Supplier<Consumer<String, Delivery>> consumers, DeliveryRouter router,
                   GatewayProperties.Kafka settings) {
        this.consumers = consumers;
        this.router = router;
        this.settings = settings;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "chorus-deliveries");
        thread.start();
        try {
            if (!positioned.await(settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw new IllegalStateException("the deliveries reader was not positioned within "
                        + settings.startupTimeout() + ": is Kafka reachable, and does " + Topics.DELIVERIES.name()
                        + " exist?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while positioning the deliveries reader", e);
        }
        if (startFailure != null) {
            running = false;
            throw new IllegalStateException("the deliveries reader could not start", startFailure);
        }
    }

    private void run() {
        try (Consumer<String, Delivery> reader = consumers.get()) {
            consumer = reader;
            List<TopicPartition> partitions = partitions(reader);
            reader.assign(partitions);
            reader.seekToEnd(partitions);
            // seekToEnd is lazy; position() resolves it now, so nothing written after start-up is skipped.
            partitions.forEach(reader::position);
            log.info("reading {} partition(s) of {} from their end", partitions.size(), Topics.DELIVERIES.name());
            positioned.countDown();
            while (running) {
                poll(reader);
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("the deliveries reader was woken up while running; it stops", e);
            }
        } catch (RuntimeException e) {
            if (positioned.getCount() > 0) {
                startFailure = e;
            } else {
                log.error("the deliveries reader failed and stops: this gateway delivers nothing more", e);
            }
        } finally {
            running = false;
            consumer = null;
            positioned.countDown();
        }
    }

    /** Waits for the topic's metadata as long as start-up waits; {@link #stop()} ends the wait. */
    private List<TopicPartition> partitions(Consumer<String, Delivery> reader) {
        while (running) {
            List<PartitionInfo> infos = reader.partitionsFor(Topics.DELIVERIES.name());
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            // Metadata of a topic created a moment ago may not have reached the broker we asked yet.
            sleep(settings.deliveriesPollTimeout());
        }
        throw new IllegalStateException("stopped before " + Topics.DELIVERIES.name() + " had partitions");
    }

    private void poll(Consumer<String, Delivery> reader) {
        try {
            for (ConsumerRecord<String, Delivery> record : reader.poll(settings.deliveriesPollTimeout())) {
                route(record);
            }
        } catch (RecordDeserializationException e) {
            log.error("skipping an unreadable delivery at {} offset {}", e.topicPartition(), e.offset(), e);
            reader.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private void route(ConsumerRecord<String, Delivery> record) {
        if (record.value() == null) {
            log.error("skipping an empty delivery at {}-{} offset {}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        try {
            router.route(record.value());
        } catch (RuntimeException e) {
            // One bad delivery must not cost every other connection the ones after it.
            log.error("could not route the delivery at {}-{} offset {}", record.topic(), record.partition(),
                    record.offset(), e);
        }
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, Delivery> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread reader = thread;
        if (reader != null && reader != Thread.currentThread()) {
            try {
                reader.join(settings.startupTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("interrupted while waiting for the deliveries reader to close");
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + Topics.DELIVERIES.name(), e);
        }
    }
}
