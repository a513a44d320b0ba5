package dev.chorus.analytics;

import dev.chorus.analytics.topology.ActiveUsersPerHour;
import dev.chorus.analytics.topology.AnalyticsTopics;
import dev.chorus.analytics.topology.Events;
import dev.chorus.analytics.topology.MessagesPerMinute;
import dev.chorus.event.DomainEvent;
import dev.chorus.topic.Topic;
import dev.chorus.topic.TopicProvisioner;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job on a real KRaft broker: domain events written to {@code chorus.events} in transactions, as the
 * processor writes them, before the job first starts; the closed windows read back from the output topics
 * and scraped from {@code /actuator/prometheus}. An aborted transaction's events must count for nothing.
 */
class AnalyticsIT {

    /** Hours behind now, so records are young enough for every topic's retention. */
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    private static final Instant MINUTE = HOUR.plus(Duration.ofMinutes(1));
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path stateDir;

    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext analytics;

    @BeforeAll
    static void startBrokerWriteEventsThenStartTheJob() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        // A single broker cannot hold the three replicas Kafka wants for its internal topics by default.
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
        // one partition, so that one stream time closes every window
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            new TopicProvisioner(admin, 1, (short) 1).ensure(List.of(Topics.EVENTS));
        }
        writeEvents();
        analytics = new SpringApplicationBuilder(AnalyticsApplication.class).run(
                "--server.port=0",
                "--chorus.kafka.bootstrap-servers=" + bootstrap(),
                "--chorus.kafka.topic-partitions=1",
                "--chorus.analytics.state-dir=" + stateDir,
                "--chorus.analytics.commit-interval=100ms");
    }

    @AfterAll
    static void stop() {
        if (analytics != null) {
            analytics.close();
        }
        broker.destroy();
    }

    private static String bootstrap() {
        return broker.getBrokersAsString();
    }

    private static void writeEvents() {
        Events events = new Events();
        try (Producer<String, DomainEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "analytics-it-" + UUID.randomUUID()),
                Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer())) {
            producer.initTransactions();
            inTransaction(producer, true,
                    Events.created("g-1", "alice", MINUTE.plusSeconds(1)),
                    Events.joined("g-1", "alice", MINUTE.plusSeconds(1)),
                    events.posted("g-1", "alice", MINUTE.plusSeconds(5)),
                    events.posted("g-1", "alice", MINUTE.plusSeconds(20)),
                    Events.joined("g-1", "bob", MINUTE.plusSeconds(30)),
                    events.posted("g-1", "bob", MINUTE.plusSeconds(40)),
                    events.posted("g-2", "carol", MINUTE.plusSeconds(50)));
            inTransaction(producer, false,
                    events.posted("g-1", "mallory", MINUTE.plusSeconds(10)),
                    events.posted("g-1", "mallory", MINUTE.plusSeconds(11)),
                    events.posted("g-2", "mallory", MINUTE.plusSeconds(12)));
            // two hours on: closes the minute and the hour (each past its end plus grace)
            inTransaction(producer, true, events.posted("g-3", "zed", HOUR.plus(Duration.ofHours(2))));
        }
    }

    private static void inTransaction(Producer<String, DomainEvent> producer, boolean commit, DomainEvent... events) {
        producer.beginTransaction();
        for (DomainEvent event : events) {
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), event.groupId(), event));
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    @Test
    void countsCommittedEventsIntoClosedWindowsOnItsTopicsAndInPrometheus() throws Exception {
        List<MessagesPerMinute> minutes = read(AnalyticsTopics.MESSAGES_PER_MINUTE, 2);
        assertThat(minutes).containsExactlyInAnyOrder(
                new MessagesPerMinute("g-1", MINUTE, MINUTE.plusSeconds(60), 3),
                new MessagesPerMinute("g-2", MINUTE, MINUTE.plusSeconds(60), 1));

        List<ActiveUsersPerHour> hours = read(AnalyticsTopics.ACTIVE_USERS_PER_HOUR, 1);
        assertThat(hours).containsExactly(new ActiveUsersPerHour(HOUR, HOUR.plus(Duration.ofHours(1)), 3));

        String scraped = get("/actuator/prometheus");
        assertThat(scraped).contains(
                "chorus_analytics_group_messages_per_minute{application=\"chorus-analytics\",group=\"g-1\"} 3.0",
                "chorus_analytics_group_messages_per_minute{application=\"chorus-analytics\",group=\"g-2\"} 1.0",
                "chorus_analytics_active_users_per_hour{application=\"chorus-analytics\"} 3.0",
                "chorus_analytics_window_end_seconds{aggregate=\"active-users-per-hour\",application=\"chorus-analytics\"}");
        // Kafka Streams' own metrics come along, the consumer's lag among them
        assertThat(scraped).contains("kafka_consumer_fetch_manager_records_lag");
        assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
    }

    /** Reads the topic as a consumer of the job's output should: read_committed, from the beginning. */
    private static <V> List<V> read(Topic<String, V> topic, int expected) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "analytics-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // nothing more arrives: every window was written once
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofSeconds(2))) {
                values.add(record.value());
            }
        }
        return values;
    }

    private static String get(String path) throws Exception {
        int port = ((WebServerApplicationContext) analytics).getWebServer().getPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }
}
