package dev.chorus.bench.load;

import dev.chorus.bench.Args;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuMeterTest {

    @Test
    void dividesEachProcesssCpuOverAWindowByTheThousandsOfDeliveriesInIt() {
        CpuMeter.Reading before = new CpuMeter.Reading(0, Map.of("generator", Duration.ofMillis(1_000),
                "broker", Duration.ofMillis(5_000)));
        // 2 s later: the generator used 400 ms, the broker 100 ms, while 10,000 deliveries/s were owed
        CpuMeter.Reading after = new CpuMeter.Reading(2_000_000_000L, Map.of("generator", Duration.ofMillis(1_400),
                "broker", Duration.ofMillis(5_100)));

        assertThat(after.perThousandSince(before, 10_000)).containsEntry("generator", 20.0).containsEntry("broker", 5.0);
    }

    @Test
    void readsTheGeneratorItselfAndTheProcessesNamed() {
        long self = ProcessHandle.current().pid();
        CpuMeter meter = CpuMeter.of(List.of("again:" + self));
        CpuMeter.Reading before = meter.read();
        long spin = System.nanoTime() + 200_000_000L;
        double x = 0;
        while (System.nanoTime() < spin) {
            x += Math.sqrt(x + 1);
        }

        Map<String, Double> perThousand = meter.read().perThousandSince(before, 1_000);

        assertThat(x).isPositive();
        assertThat(perThousand).containsOnlyKeys(CpuMeter.GENERATOR, "again");
        assertThat(perThousand.get(CpuMeter.GENERATOR)).isGreaterThan(0);
    }

    @Test
    void refusesWhatIsNotANameAndALivePid() {
        assertThatThrownBy(() -> CpuMeter.of(List.of("broker"))).isInstanceOf(Args.UsageException.class)
                .hasMessageContaining("name:pid");
        assertThatThrownBy(() -> CpuMeter.of(List.of(":12"))).isInstanceOf(Args.UsageException.class)
                .hasMessageContaining("name:pid");
        assertThatThrownBy(() -> CpuMeter.of(List.of("broker:x"))).isInstanceOf(Args.UsageException.class);
        assertThatThrownBy(() -> CpuMeter.of(List.of("broker:" + Long.MAX_VALUE)))
                .isInstanceOf(Args.UsageException.class).hasMessageContaining("no process");
    }
}
