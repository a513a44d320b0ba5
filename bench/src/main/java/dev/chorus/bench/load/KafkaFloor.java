package dev.chorus.bench.load;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
 *
 * <p>Under {@code exactly_once_v2} the processor's forward is a transaction committed every
 * {@code chorus.processor.commit-interval}, and the gateways read {@code read_committed}, so a delivery waits for
 * that commit as well. Given commit intervals, each rate is measured again with the forward done that way, as
 * Kafka Streams does it (records sent in a transaction with the consumed offsets, committed once the interval
 * has passed): the floor of Chorus's default path, with no Chorus code on it.
 */
public final class KafkaFloor {

    /**
     * Latencies in microseconds.
     *
     * @param sent     records sent, the warm-up's included
     * @param measured records sent after the warm-up: what each histogram should count when nothing is lost
     */
    public record Result(int rate, long sent, long measured, Histogram oneHop, Histogram twoHops) {
    }

    /** What the rows of two hops with an exactly-once forward are named by, before their interval. */
    static final String EOS_SCENARIO = "floor-2hops-eos-";

    /** The longest latency a histogram here holds; longer ones are recorded as this. */
    private static final long LONGEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final String bootstrap;

    public KafkaFloor(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Scenario 4: a run per rate, each appended to {@code out} as two rows (one hop, two hops), then a run per
     * rate and commit interval with the forward exactly-once, a row each ({@code floor-2hops-eos-10ms}).
     */
    public void scenario(List<Integer> rates, List<Duration> commitIntervals, Duration warmUp, Duration measure,
                         Path out) throws Exception {
        for (int rate : rates) {
            Result r = run(rate, warmUp, measure, 100, null);
            write(out, Row.floor("floor-1hop", rate, r.measured(), r.oneHop()));
            write(out, Row.floor("floor-2hops", rate, r.measured(), r.twoHops()));
            for (Duration interval : commitIntervals) {
                Result eos = run(rate, warmUp, measure, 100, interval);
                write(out, Row.floor(eosScenario(interval), rate, eos.measured(), eos.twoHops()));
            }
        }
    }

    /** The row name of two hops whose forward commits a transaction every {@code interval}. */
    static String eosScenario(Duration interval) {
        return EOS_SCENARIO + interval.toMillis() + "ms";
    }

    /** The interval in milliseconds that {@link #eosScenario} put in a row's name. */
    static long commitIntervalMs(String eosScenario) {
        return Long.parseLong(eosScenario.substring(EOS_SCENARIO.length(), eosScenario.length() - "ms".length()));
    }

    private static void write(Path out, Row row) throws Exception {
        Scenarios.append(out, row);
        Scenarios.say(String.format("%s at %d msg/s: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, %d lost",
                row.scenario(), row.rate(), row.p50(), row.p99(), row.p999(), row.max(), row.lost()));
    }

    /**
     * @param commitInterval null to forward each record as it is consumed; otherwise forward in transactions
     *                       committed once this much time has passed since the last commit
     */
    public Result run(int rate, Duration warmUp, Duration measure, int valueBytes, Duration commitInterval)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = "bench.floor." + run + ".a";
        String second = "bench.floor." + run + ".b";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(first, 1, (short) -1), new NewTopic(second, 1, (short) -1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Histogram oneHop = micros();
        Histogram twoHops = micros();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (warmUp.toNanos() + measure.toNanos()) / interval;
        long warmUpCount = warmUp.toNanos() / interval;
        AtomicBoolean done = new AtomicBoolean();
        try (KafkaProducer<byte[], byte[]> producer = producer(null);
             KafkaProducer<byte[], byte[]> forwarder = producer(commitInterval == null ? null : "bench-floor-" + run)) {
            Thread hop1 = commitInterval == null
                    ? consume(first, done, record -> {
                        record(oneHop, record.value(), warmUpCount);
                        forwarder.send(new ProducerRecord<>(second, record.key(), record.value()));
                    })
                    : forwardInTransactions(first, second, forwarder, commitInterval, done,
                        record -> record(oneHop, record.value(), warmUpCount));
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
        return new Result(rate, total, total - warmUpCount, oneHop, twoHops);
    }

    private static void record(Histogram histogram, byte[] value, long warmUpCount) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        long k = buffer.getLong();
        long scheduled = buffer.getLong();
        if (k >= warmUpCount) {
            synchronized (histogram) {
                recordNanos(histogram, System.nanoTime() - scheduled);
            }
        }
    }

    /** Microseconds, up to five minutes. */
    private static Histogram micros() {
        return new Histogram(LONGEST_MICROS, 3);
    }

    /** Records a duration into a {@link #micros()} histogram, anything longer as five minutes. */
    private static void recordNanos(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(nanos / 1000, LONGEST_MICROS));
    }

    private Thread consume(String topic, AtomicBoolean done,
                           java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(topic);
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

    /**
     * Consumes {@code from} and forwards each record to {@code to} the way a Kafka Streams thread does under
     * {@code exactly_once_v2}: a transaction is begun with the first record after a commit, every record's
     * offset goes into it, and once {@code interval} has passed since the last commit check ended it flushes,
     * sends the offsets and commits (the check then starts the next interval, whether or not there was anything
     * to commit). Both details matter: the group coordinator answers an offset commit that comes before the last
     * transaction's markers are written with {@code CONCURRENT_TRANSACTIONS}, which the producer retries only
     * after {@code retry.backoff.ms}, 100 ms. With the interval counted from the start of a commit, or the
     * offsets sent without the flush at a 2 ms interval, 1-2 % of commits waited those 100 ms, which Chorus's
     * processor never does (docs/PERFORMANCE.md).
     */
    private Thread forwardInTransactions(String from, String to, KafkaProducer<byte[], byte[]> producer,
                                         Duration interval, AtomicBoolean done,
                                         java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(from);
        producer.initTransactions();
        Thread thread = new Thread(() -> {
            try (consumer) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                Histogram commits = micros();
                long lastCheck = System.nanoTime();
                while (!done.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(interval);
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (offsets.isEmpty()) {
                            producer.beginTransaction();
                        }
                        each.accept(record);
                        producer.send(new ProducerRecord<>(to, record.key(), record.value()));
                        offsets.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    long now = System.nanoTime();
                    if (now - lastCheck >= interval.toNanos()) {
                        boolean committed = commit(producer, consumer, offsets);
                        lastCheck = System.nanoTime();
                        if (committed) {
                            recordNanos(commits, lastCheck - now);
                        }
                    }
                }
                commit(producer, consumer, offsets);
                Scenarios.say(String.format("  %,d transactions, each committed in p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                        commits.getTotalCount(), commits.getValueAtPercentile(50) / 1000.0,
                        commits.getValueAtPercentile(99) / 1000.0, commits.getMaxValue() / 1000.0));
            }
        }, "floor-eos-" + from);
        thread.start();
        return thread;
    }

    /** Returns whether there was a transaction to commit. */
    private static boolean commit(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer,
                                  Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return false;
        }
        producer.flush(); // as a Streams task does before its offsets (StreamTask.prepareCommit)
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        offsets.clear();
        return true;
    }

    private KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-floor-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** @param transactionalId null for an idempotent producer outside transactions */
    private KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
