package dev.chorus.analytics;

import dev.chorus.analytics.topology.AnalyticsTopics;
import dev.chorus.analytics.topology.AnalyticsTopology;
import dev.chorus.analytics.topology.ClosedWindows;
import dev.chorus.topic.Topic;
import dev.chorus.topic.TopicProvisioner;
import dev.chorus.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the job's Kafka Streams for as long as the application context lives: creates the missing topics,
 * starts the topology with the metrics listening to closed windows, and closes it on shutdown.
 */
@Component
class AnalyticsRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsRuntime.class);

    private final KafkaSettings kafka;
    private final AnalyticsProperties properties;
    private final ClosedWindows listener;
    private final MeterRegistry registry;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    AnalyticsRuntime(KafkaSettings kafka, AnalyticsProperties properties, ClosedWindows listener,
                     MeterRegistry registry) {
        this.kafka = kafka;
        this.properties = properties;
        this.listener = listener;
        this.registry = registry;
    }

    @Override
    public void start() {
        provisionTopics();
        StreamsBuilder builder = new StreamsBuilder();
        AnalyticsTopology.build(builder,
                new AnalyticsTopology.Settings(properties.messagesGrace(), properties.activeUsersGrace()), listener);
        Topology topology = builder.build();
        log.info("Starting the analytics job {} against {}\n{}", properties.applicationId(),
                kafka.bootstrapServers(), topology.describe());
        KafkaStreams created = new KafkaStreams(topology, StreamsConfigFactory.create(kafka, properties));
        streamsMetrics = new KafkaStreamsMetrics(created);
        streamsMetrics.bindTo(registry);
        streams = created;
        created.start();
    }

    /**
     * The job's own topics, and {@code chorus.events} with Chorus's settings should the processor not have
     * created it yet: Kafka Streams stops when a source topic is missing, and this way the start order of
     * a deployment does not matter.
     */
    private void provisionTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<Topic<?, ?>> topics = new ArrayList<>(AnalyticsTopics.all());
            topics.add(Topics.EVENTS);
            new TopicProvisioner(admin, kafka.topicPartitions(), kafka.replicationFactor()).ensure(topics);
        }
    }

    KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    @Override
    public void stop() {
        KafkaStreams current = streams;
        if (current != null) {
            current.close(CloseOptions.timeout(properties.closeTimeout())
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streamsMetrics.close();
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }
}
