package dev.chorus.standalone;

import dev.chorus.event.DomainEvent;
import dev.chorus.topic.Topic;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded corpus of over a thousand hostile frames thrown at two real gateways on a real broker while three
 * users chat. Every frame must get the code PROTOCOL.md names, the gateways stay up, every chat message
 * arrives, and nothing of the corpus changes any state. Each hostile user sends at most one burst of the rate
 * limit (40 frames, one at a time) so the default limit answers none of them with {@code RATE_LIMITED}. The
 * hostile users come in three ways, in turn: each gateway's web server, and the second gateway's Netty port.
 */
@ExtendWith(TestKafka.Available.class)
class HostileInputIT {

    private static final long SEED = 0xC0_4B05L;
    /** The rate limit's default burst. */
    private static final int FRAMES_PER_USER = 40;
    private static final int MESSAGES_PER_CHATTER = 40;
    /** 10 a second: half the rate limit, a brisk typist. */
    private static final long CHAT_PAUSE_MILLIS = 100;
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final List<String> CHATTERS = List.of("alice", "bob", "carol");

    @TempDir
    Path dataDir;

    @Test
    void everyHostileFrameIsRefusedAsSpecifiedAndChangesNothingWhileOthersChat() throws Exception {
        try (ChorusCluster chorus = ChorusCluster.start(dataDir, 2, "--chorus.gateway.netty.port=0");
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, chorus.bootstrapServers()))) {
            List<WsClient> chatters = List.of(chorus.connect(0, "alice"), chorus.connect(1, "bob"),
                    chorus.connect(0, "carol"));
            WsClient alice = chatters.get(0);
            String groupId = alice.request("GROUP:ADD_GROUP", Map.of("name", "Chatters"), "GROUP:GROUP_ADDED")
                    .get("group").get("id").asString();
            for (WsClient member : chatters.subList(1, 3)) {
                member.request("GROUP:JOIN_GROUP", Map.of("groupId", groupId), "GROUP:USER_JOINED");
            }
            String groupsBefore = alice.request("GROUP:GET_ALL_GROUPS", Map.of(), "GROUP:RETURN_ALL_GROUPS").toString();
            String membersBefore = members(alice, groupId);
            Map<TopicPartition, Long> eventsBefore = endOffsets(admin, Topics.EVENTS);

            List<HostileCorpus.Frame> corpus = HostileCorpus.generate(SEED).stream()
                    .map(f -> new HostileCorpus.Frame(f.category(), f.text().replace(HostileCorpus.G, groupId), f.code()))
                    .toList();
            List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger answered = new AtomicInteger();
            List<WsClient> hostile = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Void>> chatting = IntStream.range(0, chatters.size()).mapToObj(i -> pool.submit(() ->
                        chat(chatters.get(i), groupId))).toList();
                List<Future<?>> attacks = new ArrayList<>();
                for (int from = 0; from < corpus.size(); from += FRAMES_PER_USER) {
                    List<HostileCorpus.Frame> share = corpus.subList(from, Math.min(corpus.size(), from + FRAMES_PER_USER));
                    int user = from / FRAMES_PER_USER;
                    attacks.add(pool.submit(() -> {
                        WsClient client = hostile(chorus, user, "hostile-" + user);
                        hostile.add(client);
                        for (HostileCorpus.Frame frame : share) {
                            String code;
                            try {
                                code = client.requestRaw(frame.text(), "SYSTEM:ERROR").get("code").asString();
                            } catch (AssertionError | RuntimeException e) {
                                code = "no answer: " + e;
                            }
                            expect(frame.toString(), frame.code(), code, answered, mismatches);
                        }
                        return null;
                    }));
                }
                for (Future<?> done : attacks) {
                    done.get(2, TimeUnit.MINUTES);
                }
                int closers = closingFrames(chorus, answered, mismatches);
                for (Future<Void> done : chatting) {
                    done.get(2, TimeUnit.MINUTES);
                }

                int lost = 0;
                for (WsClient chatter : chatters) {
                    lost += lostMessages(chatter);
                }
                List<String> foreignEvents = eventsOtherThanChat(chorus.bootstrapServers(), eventsBefore,
                        endOffsets(admin, Topics.EVENTS));
                foreignEvents.forEach(event -> System.out.println("state change: " + event));
                int stateChanges = foreignEvents.size()
                        + (alice.request("GROUP:GET_ALL_GROUPS", Map.of(), "GROUP:RETURN_ALL_GROUPS").toString()
                        .equals(groupsBefore) ? 0 : 1)
                        + (members(alice, groupId).equals(membersBefore) ? 0 : 1);
                int total = corpus.size() + closers;

                System.out.printf("%d hostile frames, %d answered as specified, %d state changes, %d lost messages%n",
                        total, answered.get(), stateChanges, lost);
                mismatches.stream().limit(40).forEach(System.out::println);
                assertThat(mismatches).as("frames answered otherwise than specified").isEmpty();
                assertThat(answered.get()).isEqualTo(total).isGreaterThanOrEqualTo(1_000);
                assertThat(stateChanges).isZero();
                assertThat(lost).isZero();
                assertThat(hostile).as("refused, never closed").noneMatch(WsClient::isClosed);
                for (int gateway = 0; gateway < 2; gateway++) {
                    chorus.connect(gateway, "late-" + gateway)
                            .request("GROUP:GET_ALL_GROUPS", Map.of(), "GROUP:RETURN_ALL_GROUPS");
                    assertThat(handshakeFrom(chorus.gatewayPort(gateway), "https://evil.example")).isEqualTo(403);
                    assertThat(handshakeFrom(chorus.gatewayPort(gateway), "http://127.0.0.1:" + chorus.gatewayPort(gateway)))
                            .as("the gateway's own origin").isEqualTo(101);
                }
                assertThat(handshakeFrom(chorus.nettyPort(1), chorus.token("origin-probe", "Probe", null),
                        "https://evil.example")).isEqualTo(403);
                assertThat(handshakeFrom(chorus.nettyPort(1), chorus.token("origin-probe", "Probe", null),
                        "http://127.0.0.1:" + chorus.gatewayPort(1))).as("the page of the gateway's web server")
                        .isEqualTo(101);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Hostile user {@code n}'s connection: gateway 0's web server, gateway 1's, or gateway 1's Netty port, in turn. */
    private static WsClient hostile(ChorusCluster chorus, int n, String userId) throws Exception {
        return n % 3 == 2 ? chorus.connectNetty(1, userId) : chorus.connect(n % 3, userId);
    }

    /**
     * Frames a connection does not survive, each on a connection of its own: oversized (1009) and invalid UTF-8
     * in a text frame (1007, from the container); and binary frames of random bytes, answered BAD_REQUEST.
     */
    private static int closingFrames(ChorusCluster chorus, AtomicInteger answered, List<String> mismatches)
            throws Exception {
        Random random = new Random(SEED);
        int sent = 0;
        WsClient binary = chorus.connectNetty(1, "hostile-binary");
        for (int i = 0; i < 20; i++, sent++) {
            byte[] bytes = new byte[1 + random.nextInt(2_000)];
            random.nextBytes(bytes);
            expect("binary frame", "BAD_REQUEST",
                    binary.requestBinary(bytes, "SYSTEM:ERROR").get("code").asString(), answered, mismatches);
        }
        for (int i = 0; i < 5; i++, sent++) {
            WsClient client = hostile(chorus, i, "hostile-big-" + i);
            try {
                client.sendRaw("{\"type\":\"GROUP:ADD_GROUP\",\"data\":{\"name\":\"" + "b".repeat(MAX_FRAME_BYTES + i * 7_919) + "\"}}");
            } catch (RuntimeException closedWhileSending) {
                // the server may close before the whole frame is written
            }
            expect("oversized frame", "1009", String.valueOf(client.awaitCloseCode()), answered, mismatches);
        }
        List<byte[]> invalidUtf8 = List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF, (byte) 0xFE},
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8).clone(),
                new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
        invalidUtf8.get(3)[3] = (byte) 0xC0;
        for (int i = 0; i < invalidUtf8.size(); i++, sent++) {
            boolean netty = i % 3 == 2;
            int port = netty ? chorus.nettyPort(1) : chorus.gatewayPort(i % 3);
            String user = "hostile-utf8-" + i;
            int code = RawTextFrame.closeCodeAfter(port,
                    netty ? chorus.token(user, user, null) : WsClient.devToken(port, user), invalidUtf8.get(i));
            expect("invalid UTF-8", "1007", String.valueOf(code), answered, mismatches);
        }
        return sent;
    }

    /** The status of a handshake with a valid token from a page of this origin: 101 when it is upgraded. */
    private static int handshakeFrom(int port, String origin) throws Exception {
        return handshakeFrom(port, WsClient.devToken(port, "origin-probe"), origin);
    }

    private static int handshakeFrom(int port, String token, String origin) throws Exception {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?access_token=" + token),
                            new WebSocket.Listener() {
                            })
                    .get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static void expect(String what, String expected, String actual, AtomicInteger answered,
                               List<String> mismatches) {
        if (expected.equals(actual)) {
            answered.incrementAndGet();
        } else {
            mismatches.add(what + ": expected " + expected + ", got " + actual);
        }
    }

    private static Void chat(WsClient chatter, String groupId) throws InterruptedException {
        for (int i = 0; i < MESSAGES_PER_CHATTER; i++) {
            chatter.send("CHAT:SEND_MESSAGE_TEXT", Map.of("groupId", groupId, "text", chatter.userId + " says " + i,
                    "clientMessageId", chatter.userId + "-" + i));
            Thread.sleep(CHAT_PAUSE_MILLIS);
        }
        return null;
    }

    /** The chat messages this member has not received (each chatter's every message goes to all three). */
    private static int lostMessages(WsClient member) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
        int expected = 3 * MESSAGES_PER_CHATTER;
        while (member.frames("CHAT:MESSAGE_RETURN_TEXT").size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<JsonNode> messages = member.frames("CHAT:MESSAGE_RETURN_TEXT");
        List<Long> seqs = messages.stream().map(m -> m.get("seq").asLong()).toList();
        assertThat(seqs).as("%s sees one order without gaps", member.userId)
                .isEqualTo(IntStream.rangeClosed(1, seqs.size()).mapToObj(Long::valueOf).toList());
        return expected - (int) messages.stream().map(m -> m.get("clientMessageId").asString()).distinct().count();
    }

    private static String members(WsClient member, String groupId) throws InterruptedException {
        return member.request("GROUP:GET_INIT_DATA", Map.of("groupId", groupId), "GROUP:RETURN_INIT_DATA")
                .get("members").toString();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Topic<?, ?> topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic.name())).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic.name()).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Every event written between the two positions that is not a chatter's own message. */
    private static List<String> eventsOtherThanChat(String bootstrapServers, Map<TopicPartition, Long> from,
                                                    Map<TopicPartition, Long> to) {
        List<String> others = new ArrayList<>();
        try (KafkaConsumer<String, DomainEvent> consumer = new KafkaConsumer<>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.EVENTS.keySerde().deserializer(), Topics.EVENTS.valueSerde().deserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
            while (to.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DomainEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!(record.value() instanceof DomainEvent.MessagePosted posted
                            && CHATTERS.contains(posted.message().sender().userId()))) {
                        others.add(String.valueOf(record.value()));
                    }
                }
            }
        }
        return others;
    }
}
