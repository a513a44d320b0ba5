package dev.chorus.processor;

import dev.chorus.processor.topology.ChorusTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/**
 * The Kafka Streams settings of the processor. The guarantees are fixed here rather than configurable
 * (exactly_once_v2 so that state, events and deliveries of one command commit together; the dead-letter
 * queue so that a bad command neither stops a partition nor vanishes), and a test holds them in place.
 */
final class StreamsConfigFactory {

    private StreamsConfigFactory() {
    }

    static Properties create(KafkaSettings kafka, ProcessorProperties processor) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, processor.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, processor.stateDir());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processor.processingGuarantee());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, processor.commitInterval().toMillis());
        props.put(StreamsConfig.POLL_MS_CONFIG, processor.pollMs());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, processor.numStandbyReplicas());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, processor.streamThreads());
        // Waiting on an empty input partition orders records across a task's partitions (for joins). Every
        // task here reads one partition, so there is nothing to order, and the wait's bookkeeping (a message
        // formatted for each empty partition on every pass of the loop) was 5 % of the processor's profile at
        // 1,000 commands a second. ChorusTopologyShapeTest holds the one-partition shape in place.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // A crashed instance says nothing: the others notice only when its session runs out.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) processor.sessionTimeout().toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) processor.sessionTimeout().toMillis() / 3);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
                (int) processor.producerLinger().toMillis());
        // exactly_once_v2 implies both; spelled out so that reading the config tells the whole story
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) processor.transactionTimeout().toMillis());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), true);
        props.putAll(ChorusTopology.deadLetterConfig());
        return props;
    }
}
