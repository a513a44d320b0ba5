package dev.chorus.standalone;

import dev.chorus.protocol.ErrorCode;
import dev.chorus.topic.Topic;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the protocol, through the real system: each malformed or forbidden request gets its
 * exact {@code SYSTEM:ERROR} code, the connection stays open, and nothing changed. Malformed input never
 * reaches Kafka at all; forbidden requests reach the processor, which writes no event.
 */
@ExtendWith(TestKafka.Available.class)
class ErrorTableIT {

    private static final String G = "{G}";
    private static final String LONG_ID = "x".repeat(129);

    @TempDir
    static Path dataDir;

    private static ChorusCluster chorus;
    private static Admin admin;
    private static String groupId;
    private static final Map<String, WsClient> users = new HashMap<>();
    private static final Map<String, Integer> partitionCounts = new HashMap<>();

    /** Who sends it, the exact frame ({G} is the test group's id), the code it must get, and where. */
    record Row(String user, String frame, ErrorCode code, boolean reachesKafka) {
        @Override
        public String toString() {
            return user + " " + frame.substring(0, Math.min(frame.length(), 90)) + " -> " + code;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // malformed: refused by the gateway, nothing reaches Kafka
                gateway("not json at all", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":\"trunc", ErrorCode.BAD_REQUEST),
                gateway("[1,2,3]", ErrorCode.BAD_REQUEST),
                gateway("\"GROUP:GET_ALL_GROUPS\"", ErrorCode.BAD_REQUEST),
                gateway("{\"data\":{}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":42}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:GET_ALL_GROUPS\",\"data\":[]}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:GET_ALL_GROUPS\",\"data\":\"x\"}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:NUKE_EVERYTHING\"}", ErrorCode.UNKNOWN_TYPE),
                gateway("{\"type\":\"group:add_group\",\"data\":{\"name\":\"x\"}}", ErrorCode.UNKNOWN_TYPE),
                gateway("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":\"  \"}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":12}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":\"" + "n".repeat(101) + "\"}}",
                        ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":\"ok\",\"description\":\""
                        + "d".repeat(1001) + "\"}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":\"ok\",\"description\":false}}",
                        ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:JOIN_GROUP\",\"data\":{}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:JOIN_GROUP\",\"data\":{\"groupId\":7}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:JOIN_GROUP\",\"data\":{\"groupId\":\"" + LONG_ID + "\"}}",
                        ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:LEAVE_GROUP\",\"data\":{\"groupId\":null}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:DELETE_GROUP\"}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"GROUP:GET_INIT_DATA\",\"data\":{\"groupId\":[\"" + G + "\"]}}",
                        ErrorCode.BAD_REQUEST),
                gateway(page("\"limit\":0"), ErrorCode.BAD_REQUEST),
                gateway(page("\"limit\":201"), ErrorCode.BAD_REQUEST),
                gateway(page("\"limit\":\"5\""), ErrorCode.BAD_REQUEST),
                gateway(page("\"limit\":2.5"), ErrorCode.BAD_REQUEST),
                gateway(page("\"beforeSeq\":0"), ErrorCode.BAD_REQUEST),
                gateway(page("\"afterSeq\":-1"), ErrorCode.BAD_REQUEST),
                gateway(page("\"beforeSeq\":5,\"afterSeq\":1"), ErrorCode.BAD_REQUEST),
                gateway(page("\"afterSeq\":99999999999999999999999"), ErrorCode.BAD_REQUEST),
                gateway(send("\"text\":\"\""), ErrorCode.BAD_REQUEST),
                gateway(send("\"text\":\" \\n\\t \""), ErrorCode.BAD_REQUEST),
                gateway(send("\"text\":{\"html\":\"<b>\"}"), ErrorCode.BAD_REQUEST),
                gateway(send("\"text\":\"" + "t".repeat(4001) + "\""), ErrorCode.TOO_LARGE),
                gateway(send("\"text\":\"hi\",\"clientMessageId\":\"" + LONG_ID + "\""), ErrorCode.BAD_REQUEST),
                gateway(send("\"text\":\"hi\",\"clientMessageId\":5"), ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"CHAT:SEND_MESSAGE_TEXT\",\"data\":{\"text\":\"no group\"}}",
                        ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"CHAT:SEND_MESSAGE_IMAGE\",\"data\":{\"groupId\":\"" + G
                        + "\",\"mediaId\":\"m1\",\"url\":\"https://x.example/a.png\"}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"CHAT:SEND_MESSAGE_GIF\",\"data\":{\"groupId\":\"" + G
                        + "\",\"url\":\"http://x.example/a.gif\"}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"CHAT:SEND_MESSAGE_AUDIO\",\"data\":{\"groupId\":\"" + G + "\"}}",
                        ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"CHAT:SEND_MESSAGE_IMAGE\",\"data\":{\"groupId\":\"" + G
                        + "\",\"url\":\"https://x.example/a.png\",\"caption\":\"" + "c".repeat(4001) + "\"}}",
                        ErrorCode.TOO_LARGE),
                gateway("{\"type\":\"CHAT:START_TYPING\",\"data\":{}}", ErrorCode.BAD_REQUEST),
                gateway("{\"type\":\"CHAT:STOP_TYPING\",\"data\":{\"groupId\":false}}", ErrorCode.BAD_REQUEST),
                // decided by the gateway from what it knows: memberships for typing, uploads for media
                new Row("carol", "{\"type\":\"CHAT:START_TYPING\",\"data\":{\"groupId\":\"" + G + "\"}}",
                        ErrorCode.NOT_MEMBER, false),
                gateway("{\"type\":\"CHAT:SEND_MESSAGE_IMAGE\",\"data\":{\"groupId\":\"" + G
                        + "\",\"mediaId\":\"AAAAAAAAAAAAAAAAAAAAAA\"}}", ErrorCode.NOT_FOUND),
                // forbidden or impossible: decided by the processor, which writes no event
                processor("bob", "{\"type\":\"GROUP:DELETE_GROUP\",\"data\":{\"groupId\":\"" + G + "\"}}",
                        ErrorCode.FORBIDDEN),
                processor("carol", "{\"type\":\"GROUP:DELETE_GROUP\",\"data\":{\"groupId\":\"" + G + "\"}}",
                        ErrorCode.FORBIDDEN),
                processor("alice", "{\"type\":\"GROUP:DELETE_GROUP\",\"data\":{\"groupId\":\"nope\"}}",
                        ErrorCode.NOT_FOUND),
                processor("carol", "{\"type\":\"GROUP:JOIN_GROUP\",\"data\":{\"groupId\":\"nope\"}}",
                        ErrorCode.NOT_FOUND),
                processor("carol", "{\"type\":\"GROUP:LEAVE_GROUP\",\"data\":{\"groupId\":\"" + G + "\"}}",
                        ErrorCode.NOT_MEMBER),
                processor("carol", "{\"type\":\"GROUP:GET_INIT_DATA\",\"data\":{\"groupId\":\"" + G + "\"}}",
                        ErrorCode.NOT_MEMBER),
                processor("carol", page(""), ErrorCode.NOT_MEMBER),
                processor("carol", send("\"text\":\"let me in\""), ErrorCode.NOT_MEMBER),
                processor("bob", "{\"type\":\"CHAT:SEND_MESSAGE_TEXT\",\"data\":{\"groupId\":\"nope\",\"text\":\"x\"}}",
                        ErrorCode.NOT_FOUND),
                processor("bob", "{\"type\":\"CHAT:GET_INIT_MESSAGES\",\"data\":{\"groupId\":\"nope\"}}",
                        ErrorCode.NOT_FOUND));
    }

    @BeforeAll
    static void startChorusWithAGroup() throws Exception {
        // Each row has alice read the group before and after it (on top of the row's own frame): 110 reads
        // in a few seconds, past the default 20 a second once answers come quickly. The rate limit is not what
        // this table tests (HostileInputIT and HardenedGatewayTest do), so it is set out of the way.
        chorus = ChorusCluster.start(dataDir, 2, "--chorus.gateway.rate-limit.events-per-second=1000",
                "--chorus.gateway.rate-limit.burst=1000");
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, chorus.bootstrapServers()));
        WsClient alice = chorus.connect(0, "alice");
        WsClient bob = chorus.connect(1, "bob");
        WsClient carol = chorus.connect(1, "carol");
        users.put("alice", alice);
        users.put("bob", bob);
        users.put("carol", carol);
        groupId = alice.request("GROUP:ADD_GROUP", Map.of("name", "Guarded"), "GROUP:GROUP_ADDED")
                .get("group").get("id").asString();
        bob.request("GROUP:JOIN_GROUP", Map.of("groupId", groupId), "GROUP:USER_JOINED");
        for (int i = 1; i <= 3; i++) {
            alice.request("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", "m" + i),
                    "CHAT:MESSAGE_RETURN_TEXT");
        }
    }

    @AfterAll
    static void stopChorus() {
        admin.close();
        chorus.close();
    }

    @ParameterizedTest
    @MethodSource("rows")
    void everyRefusalHasItsCodeKeepsTheConnectionAndChangesNothing(Row row) throws Exception {
        WsClient user = users.get(row.user());
        String frame = row.frame().replace(G, groupId);
        String stateBefore = groupState();
        long commandsBefore = endOffsets(Topics.COMMANDS);
        long eventsBefore = endOffsets(Topics.EVENTS);

        JsonNode error = user.requestRaw(frame, "SYSTEM:ERROR");

        assertThat(error.get("code").asString()).isEqualTo(row.code().name());
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(user.isClosed()).as("connection still open").isFalse();
        assertThat(endOffsets(Topics.COMMANDS)).as("commands written")
                .isEqualTo(commandsBefore + (row.reachesKafka() ? 1 : 0));
        assertThat(endOffsets(Topics.EVENTS)).as("events written").isEqualTo(eventsBefore);
        assertThat(groupState()).isEqualTo(stateBefore);
        // and the connection still works
        user.request("GROUP:GET_ALL_GROUPS", Map.of(), "GROUP:RETURN_ALL_GROUPS");
    }

    /** The group as its owner sees it: group, members and history. */
    private static String groupState() throws InterruptedException {
        JsonNode init = users.get("alice").request("GROUP:GET_INIT_DATA", Map.of("groupId", groupId),
                "GROUP:RETURN_INIT_DATA");
        return init.toString();
    }

    private static long endOffsets(Topic<?, ?> topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions(topic))
                .mapToObj(p -> new TopicPartition(topic.name(), p))
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    private static int partitions(Topic<?, ?> topic) throws Exception {
        Integer known = partitionCounts.get(topic.name());
        if (known == null) {
            known = admin.describeTopics(List.of(topic.name())).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic.name()).partitions().size();
            partitionCounts.put(topic.name(), known);
        }
        return known;
    }

    private static Row gateway(String frame, ErrorCode code) {
        return new Row("bob", frame, code, false);
    }

    private static Row processor(String user, String frame, ErrorCode code) {
        return new Row(user, frame, code, true);
    }

    private static String page(String fields) {
        return "{\"type\":\"CHAT:GET_INIT_MESSAGES\",\"data\":{\"groupId\":\"" + G + "\""
                + (fields.isEmpty() ? "" : "," + fields) + "}}";
    }

    private static String send(String fields) {
        return "{\"type\":\"CHAT:SEND_MESSAGE_TEXT\",\"data\":{\"groupId\":\"" + G + "\"," + fields + "}}";
    }
}
