package dev.chorus.bench.load;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The floor on a real KRaft broker: every record arrives at both hops, and a transactional forward holds them. */
class KafkaFloorTest {

    private static EmbeddedKafkaKraftBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(java.util.Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void measuresEveryRecordAfterTheWarmUpAtBothHops() throws Exception {
        KafkaFloor.Result r = new KafkaFloor(broker.getBrokersAsString())
                .run(100, Duration.ofSeconds(1), Duration.ofSeconds(2), 100, null);

        // 300 scheduled, the first 100 in the warm-up
        assertThat(r.sent()).isEqualTo(300);
        assertThat(r.measured()).isEqualTo(200);
        assertThat(r.oneHop().getTotalCount()).isEqualTo(200);
        assertThat(r.twoHops().getTotalCount()).isEqualTo(200);
        assertThat(r.twoHops().getValueAtPercentile(50)).isGreaterThanOrEqualTo(r.oneHop().getValueAtPercentile(50));
    }

    @Test
    void aForwardInTransactionsHoldsEachRecordUntilItsCommit() throws Exception {
        KafkaFloor floor = new KafkaFloor(broker.getBrokersAsString());

        // committed every 400 ms, a record waits 200 ms for it on average; forwarded at once, nothing like it
        KafkaFloor.Result held = floor.run(100, Duration.ofSeconds(1), Duration.ofSeconds(3), 100, Duration.ofMillis(400));

        assertThat(held.twoHops().getTotalCount()).isEqualTo(300);
        assertThat(held.twoHops().getValueAtPercentile(50)).isGreaterThan(100_000); // microseconds
        assertThat(held.oneHop().getValueAtPercentile(50)).isLessThan(100_000);
    }

    @Test
    void writesARowPerHopAndOnePerCommitInterval() throws Exception {
        Path out = dir.resolve("floor.jsonl");

        new KafkaFloor(broker.getBrokersAsString()).scenario(List.of(50), List.of(Duration.ofMillis(20)),
                Duration.ofSeconds(1), Duration.ofSeconds(1), out);

        List<Row> rows = Files.readAllLines(out).stream().map(line -> Scenarios.JSON.readValue(line, Row.class)).toList();
        assertThat(rows).extracting(Row::scenario).containsExactly("floor-1hop", "floor-2hops", "floor-2hops-eos-20ms");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.rate()).isEqualTo(50);
            assertThat(row.lost()).isZero();
        });
        assertThat(KafkaFloor.commitIntervalMs(rows.get(2).scenario())).isEqualTo(20);
    }
}
