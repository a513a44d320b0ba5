package dev.chorus.replay;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.event.CloudEvents;
import dev.chorus.event.EventTypes;
import dev.chorus.processor.ProcessorApplication;
import dev.chorus.processor.ProcessorRuntime;
import dev.chorus.processor.group.GroupState;
import dev.chorus.protocol.MessageKind;
import dev.chorus.topic.Json;
import dev.chorus.topic.JsonSerde;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The replay tool against the real processor on a real KRaft broker: groups, members and messages made
 * through chorus.commands, then export, rebuild as of an earlier position, and verify against the live
 * state, which must also fail once that state is made to differ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    private static final int PARTITIONS = 3;
    private static final String HIKERS = "g-1";
    private static final String BOOKS = "g-2";

    private EmbeddedKafkaKraftBroker broker;
    private ConfigurableApplicationContext processor;
    private KafkaProducer<String, Command> commands;
    private Path stateDir;

    /** Where chorus.events ended (per partition) and when, after the first half of the story. */
    private Map<TopicPartition, Long> firstHalfEnds;
    private Instant firstHalfDone;

    @BeforeAll
    void runTheStoryThroughTheProcessor() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
        stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "replay-it-streams-");
        processor = new SpringApplicationBuilder(ProcessorApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.main.banner-mode", "off",
                        "chorus.kafka.bootstrap-servers", broker.getBrokersAsString(),
                        "chorus.kafka.topic-partitions", Integer.toString(PARTITIONS),
                        "chorus.processor.state-dir", stateDir.toString()))
                .run();
        assertThat(processor.getBean(ProcessorRuntime.class).awaitRunning(Duration.ofSeconds(120))).isTrue();
        commands = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), Topics.COMMANDS.valueSerde().serializer());

        send("alice", new CommandBody.CreateGroup(HIKERS, "Hikers", "Up the hill"));
        send("bob", new CommandBody.JoinGroup(HIKERS));
        for (int i = 1; i <= 3; i++) {
            send("alice", text(HIKERS, "hello " + i, "a-" + i));
        }
        send("carol", new CommandBody.CreateGroup(BOOKS, "Books", null));
        send("alice", new CommandBody.JoinGroup(BOOKS));
        awaitEvents(9);
        firstHalfEnds = eventEnds();
        firstHalfDone = Instant.now();
        Thread.sleep(50);

        send("bob", text(HIKERS, "hi alice", "b-1"));
        send("bob", text(HIKERS, "anyone?", "b-2"));
        send("alice", new CommandBody.LeaveGroup(HIKERS));
        send("carol", new CommandBody.DeleteGroup(BOOKS));
        awaitEvents(14);
    }

    @AfterAll
    void stopEverything() throws IOException {
        if (commands != null) {
            commands.close();
        }
        if (processor != null) {
            processor.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    @Order(1)
    void exportWritesEveryEventAsOneJsonLineWithItsPositionAndCloudEventsHeaders() {
        Run export = replay("export");

        assertThat(export.exit()).isZero();
        List<JsonNode> lines = export.jsonLines();
        assertThat(lines).hasSize(14);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("topic").asString()).isEqualTo("chorus.events");
            assertThat(line.path("partition").asInt()).isBetween(0, PARTITIONS - 1);
            assertThat(line.path("offset").isIntegralNumber()).isTrue();
            assertThat(Instant.parse(line.path("timestamp").asString())).isBefore(Instant.now());
            assertThat(line.path("key").asString()).isEqualTo(line.at("/event/groupId").asString());
            assertThat(line.path("headers").propertyNames()).containsAll(CloudEvents.HEADERS);
            assertThat(line.at("/headers/ce_type").asString()).isEqualTo(line.at("/event/type").asString());
            assertThat(line.at("/headers/ce_specversion").asString()).isEqualTo("1.0");
        });
        assertThat(lines).extracting(line -> line.at("/event/type").asString()).containsAll(EventTypes.all());
        assertThat(lines).extracting(line -> line.at("/headers/ce_id").asString()).doesNotHaveDuplicates();
        assertThat(export.err()).contains("exported 14 events");
    }

    @Test
    @Order(2)
    void exportOfOneGroupReadsItsPartitionAndAnOffsetRangeOfIt() {
        List<JsonNode> hikers = replay("export", "--group=" + HIKERS, "--quiet").jsonLines();

        assertThat(hikers).hasSize(10).allSatisfy(line -> assertThat(line.path("key").asString()).isEqualTo(HIKERS));
        assertThat(hikers).extracting(line -> line.path("partition").asInt()).containsOnly(
                EventLog.partitionOf(HIKERS, PARTITIONS));
        long third = hikers.get(2).path("offset").asLong();
        long sixth = hikers.get(5).path("offset").asLong();

        List<JsonNode> slice = replay("export", "--group=" + HIKERS, "--from-offset=" + third,
                "--to-offset=" + sixth, "--quiet").jsonLines();

        assertThat(slice).extracting(line -> line.at("/headers/ce_id").asString())
                .containsExactlyElementsOf(hikers.subList(2, 5).stream()
                        .map(line -> line.at("/headers/ce_id").asString()).toList());
    }

    @Test
    @Order(3)
    void exportWritesToAFile() throws IOException {
        Path file = stateDir.resolve("events.jsonl");

        Run export = replay("export", "--out=" + file, "--from-time=" + firstHalfDone);

        assertThat(export.exit()).isZero();
        assertThat(export.out()).isEmpty();
        assertThat(Files.readAllLines(file)).hasSize(5);
    }

    @Test
    @Order(4)
    void rebuildAsOfAnOffsetShowsTheGroupAsItWasThen() {
        long hikersEnd = firstHalfEnds.get(new TopicPartition(Topics.EVENTS.name(),
                EventLog.partitionOf(HIKERS, PARTITIONS)));

        JsonNode then = replay("rebuild", "--group=" + HIKERS, "--as-of-offset=" + hikersEnd, "--quiet").json();

        assertThat(then.path("events").asLong()).isEqualTo(6);
        assertThat(then.path("groups").size()).isEqualTo(1);
        JsonNode hikers = then.at("/groups/0");
        assertThat(hikers.path("id").asString()).isEqualTo(HIKERS);
        assertThat(hikers.path("members").values()).extracting(m -> m.path("userId").asString() + ":" + m.path("role").asString())
                .containsExactly("alice:owner", "bob:member");
        assertThat(hikers.path("lastSeq").asLong()).isEqualTo(3);
        assertThat(then.has("users")).isFalse();
    }

    @Test
    @Order(5)
    void rebuildAsOfATimeAndNowShowBothStates() {
        JsonNode then = replay("rebuild", "--as-of-time=" + firstHalfDone, "--quiet").json();
        JsonNode now = replay("rebuild", "--quiet").json();

        assertThat(then.path("events").asLong()).isEqualTo(9);
        assertThat(group(then, BOOKS).path("deleted").asBoolean()).isFalse();
        assertThat(group(then, BOOKS).path("memberCount").asInt()).isEqualTo(2);
        assertThat(now.path("events").asLong()).isEqualTo(14);
        assertThat(group(now, BOOKS).path("deleted").asBoolean()).isTrue();
        assertThat(group(now, HIKERS).path("members").values()).extracting(m -> m.path("userId").asString()
                + ":" + m.path("role").asString()).containsExactly("bob:owner");
        assertThat(group(now, HIKERS).path("lastSeq").asLong()).isEqualTo(5);
        assertThat(now.path("users").values()).extracting(u -> u.path("userId").asString()).containsExactly("bob");
    }

    @Test
    @Order(6)
    void verifyFindsTheLiveStateEqualToTheRebuiltOne() {
        Run verify = replay("verify", "--quiet");

        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("the live state equals the state rebuilt from chorus.events (14 events)");
    }

    @Test
    @Order(7)
    void theExecutableJarRunsTheSameCommands() throws Exception {
        Path jar = Path.of("target", "chorus-replay.jar");
        assumeThat(jar).as("the jar is built by `package`, before failsafe runs").exists();

        Process verify = new ProcessBuilder("java", "-jar", jar.toString(), "verify",
                "--bootstrap-servers=" + broker.getBrokersAsString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).contains("the live state equals").contains("chorus.events: 14 records in");

        Process wrong = new ProcessBuilder("java", "-jar", jar.toString(), "rebuild", "--as-of-offset=soon")
                .redirectErrorStream(true).start();
        String usage = new String(wrong.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wrong.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.exitValue()).isEqualTo(2);
        assertThat(usage).contains("--as-of-offset=soon is not an offset").contains("usage:");
    }

    @Test
    @Order(8)
    void verifyFailsOnceTheLiveStateDiffersFromTheLog() throws Exception {
        String changelog = Arguments.DEFAULT_APPLICATION_ID + "-groups-changelog";
        GroupState live = readLiveGroup(changelog);
        GroupState tampered = new GroupState(live.group().withMemberCount(7), live.members(), live.deleted());
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new JsonSerde<>(GroupState.class).serializer())) {
            producer.send(new ProducerRecord<>(changelog, HIKERS, tampered)).get();
        }

        Run verify = replay("verify", "--timeout=2s", "--quiet");

        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("1 difference ").contains("groups [" + HIKERS + "]")
                .contains("\"memberCount\":7");
    }

    // ---- the story ------------------------------------------------------------------------------

    private void send(String user, CommandBody body) throws Exception {
        Command command = new Command(UUID.randomUUID().toString(), new Actor(user, user.toUpperCase(), null),
                new ReplyTo("gw-it", "conn-" + user), Instant.now(), body);
        // one at a time, so the story's order is the log's
        commands.send(new ProducerRecord<>(Topics.COMMANDS.name(), command.key(), command)).get();
    }

    private static CommandBody text(String groupId, String text, String clientMessageId) {
        return new CommandBody.PostMessage(groupId, MessageKind.TEXT, text, null, clientMessageId);
    }

    private void awaitEvents(int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> replay("export", "--quiet").jsonLines().size() >= count);
        assertThat(replay("export", "--quiet").jsonLines()).hasSize(count);
    }

    private Map<TopicPartition, Long> eventEnds() {
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    private GroupState readLiveGroup(String changelog) {
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(changelog).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<GroupState> hikers = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (HIKERS.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        hikers.add(new JsonSerde<>(GroupState.class).deserializer().deserialize(changelog, record.value()));
                    }
                });
            }
            return hikers.get(hikers.size() - 1);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static JsonNode group(JsonNode report, String id) {
        return report.path("groups").values().stream().filter(g -> g.path("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + id + " in " + report));
    }

    // ---- running the tool -------------------------------------------------------------------------

    private record Run(int exit, String out, String err) {

        List<JsonNode> jsonLines() {
            return out.lines().filter(line -> !line.isBlank()).map(line -> Json.mapper().readTree(line)).toList();
        }

        JsonNode json() {
            assertThat(exit).as(err).isZero();
            return Json.mapper().readTree(out);
        }
    }

    private Run replay(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--bootstrap-servers=" + broker.getBrokersAsString());
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = ReplayCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
