package dev.chorus.bench.load;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The floor under Chorus: produce → consume latency on the same broker, one hop (produce, consume) and two
 * hops (produce, consume and produce again, consume: the path gateway → processor → gateway), measured in
 * one run at a constant rate from the scheduled send time, with {@code acks=all} and idempotent producers.
 */
public final class KafkaFloor {

    /** Latencies in microseconds. */
    public record Result(int rate, long sent, Histogram oneHop, Histogram twoHops) {
    }

    private final String bootstrap;

    public KafkaFloor(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Scenario 4: a run per rate, each appended to {@code out} as two rows (one hop, two hops). */
    public void scenario(List<Integer> rates, Duration warmUp, Duration measure, Path out) throws Exception {
        for (int rate : rates) {
            Result r = run(rate, warmUp, measure, 100);
            for (Row row : List.of(Row.floor("floor-1hop", rate, r.sent(), r.oneHop()),
                    Row.floor("floor-2hops", rate, r.sent(), r.twoHops()))) {
                Scenarios.append(out, row);
                Scenarios.say(String.format("%s at %d msg/s: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
                        row.scenario(), rate, row.p50(), row.p99(), row.p999(), row.max()));
            }
        }
    }

    public Result run(int rate, Duration warmUp, Duration measure, int valueBytes) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = "bench.floor." + run + ".a";
        String second = "bench.floor." + run + ".b";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(first, 1, (short) -1), new NewTopic(second, 1, (short) -1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Histogram oneHop = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        Histogram twoHops = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (warmUp.toNanos() + measure.toNanos()) / interval;
        long warmUpCount = warmUp.toNanos() / interval;
        AtomicBoolean done = new AtomicBoolean();
        try (KafkaProducer<byte[], byte[]> producer = producer(); KafkaProducer<byte[], byte[]> forwarder = producer()) {
            Thread hop1 = consume(first, done, record -> {
                record(oneHop, record.value(), warmUpCount);
                forwarder.send(new ProducerRecord<>(second, record.key(), record.value()));
            });
            Thread hop2 = consume(second, done, record -> record(twoHops, record.value(), warmUpCount));
            TimeUnit.SECONDS.sleep(3); // consumers assigned
            long start = System.nanoTime();
            for (long k = 0; k < total; k++) {
                long scheduled = start + k * interval;
                LoadRun.parkUntil(scheduled);
                ByteBuffer value = ByteBuffer.allocate(Math.max(16, valueBytes));
                value.putLong(k).putLong(scheduled);
                producer.send(new ProducerRecord<>(first, value.array()));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < until && twoHops.getTotalCount() < total - warmUpCount) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            done.set(true);
            hop1.join();
            hop2.join();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(first, second)).all().get(30, TimeUnit.SECONDS);
        }
        return new Result(rate, total, oneHop, twoHops);
    }

    private static void record(Histogram histogram, byte[] value, long warmUpCount) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        long k = buffer.getLong();
        long scheduled = buffer.getLong();
        if (k >= warmUpCount) {
            synchronized (histogram) {
                histogram.recordValue(Math.min((System.nanoTime() - scheduled) / 1000, TimeUnit.MINUTES.toMicros(5)));
            }
        }
    }

    private Thread consume(String topic, AtomicBoolean done,
                           java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-floor-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!done.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(each);
                }
            }
        }, "floor-" + topic);
        thread.start();
        return thread;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
