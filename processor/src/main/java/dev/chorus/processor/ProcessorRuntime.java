package dev.chorus.processor;

import dev.chorus.processor.topology.ChorusTopology;
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

import java.time.Duration;
import java.util.Map;

/**
 * Runs the processor's Kafka Streams for as long as the application context lives: creates the missing
 * topics, starts the topology, and closes it on shutdown.
 */
@Component
public class ProcessorRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRuntime.class);

    private final KafkaSettings kafka;
    private final ProcessorProperties properties;
    private final MeterRegistry meters;
    private final CommandMetrics metrics;
    private final Object stateChanged = new Object();
    private volatile KafkaStreams streams;
    /** The last state of the streams, kept after they are closed so that probes still see how they ended. */
    private volatile KafkaStreams.State lastState;
    private volatile boolean stopRequested;
    private KafkaStreamsMetrics streamsMetrics;

    ProcessorRuntime(KafkaSettings kafka, ProcessorProperties properties, MeterRegistry meters,
                     CommandMetrics metrics) {
        this.kafka = kafka;
        this.properties = properties;
        this.meters = meters;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        stopRequested = false;
        provisionTopics();
        StreamsBuilder builder = new StreamsBuilder();
        ChorusTopology.build(builder, new ChorusTopology.Settings(properties.maxTextChars(), metrics,
                properties.groupCacheMembers(), properties.promptCommitMs()));
        Topology topology = builder.build();
        log.info("Starting the processor {} against {}\n{}", properties.applicationId(), kafka.bootstrapServers(),
                topology.describe());
        KafkaStreams created = new KafkaStreams(topology, StreamsConfigFactory.create(kafka, properties));
        created.setStateListener(this::onStateChange);
        created.setUncaughtExceptionHandler(new ThreadReplacements(properties.maxThreadReplacements()));
        streams = created;
        // Every client metric of the streams (records-lag-max among them) as kafka.* meters.
        streamsMetrics = new KafkaStreamsMetrics(created);
        streamsMetrics.bindTo(meters);
        created.start();
    }

    /** The streams' state, or the last one they had once closed; null before they are made. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current != null ? current.state() : lastState;
    }

    /** Whether the streams are stopping or stopped because the application is: not a failure. */
    boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Waits until the streams are RUNNING, which is when commands start being answered.
     *
     * @return {@code false} if they did not get there in time, were never started, or failed for good
     */
    public boolean awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateChanged) {
            while (true) {
                KafkaStreams current = streams;
                KafkaStreams.State state = current == null ? null : current.state();
                if (state == KafkaStreams.State.RUNNING) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING || left <= 0) {
                    return false;
                }
                try {
                    // woken by every state change; the bounded wait also covers start() not yet called
                    stateChanged.wait(Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    @Override
    public void stop() {
        KafkaStreams current = streams;
        if (current == null) {
            return;
        }
        stopRequested = true;
        log.info("Stopping the processor's streams");
        // Leaving the group on a clean stop lets the next instance (or this one restarted) take the
        // partitions at once instead of after the session timeout of the member that went away.
        CloseOptions leave = CloseOptions.timeout(properties.closeTimeout())
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        if (!current.close(leave)) {
            log.warn("The processor's streams did not close within {}", properties.closeTimeout());
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        lastState = current.state();
        streams = null;
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        lastState = newState;
        if (newState == KafkaStreams.State.ERROR) {
            log.error("The processor's streams went from {} to ERROR: no command is processed any more", oldState);
        } else {
            log.info("The processor's streams went from {} to {}", oldState, newState);
        }
        synchronized (stateChanged) {
            stateChanged.notifyAll();
        }
    }

    private void provisionTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, kafka.topicPartitions(), kafka.replicationFactor()).ensure(Topics.all());
        }
    }
}
