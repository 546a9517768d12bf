package dev.limitlab.engine;

import dev.limitlab.metrics.StatsSample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IsolationRunnerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static StatsSample at(long millis, long cpuNs) {
        return new StatsSample(T0.plusMillis(millis), cpuNs, 0, 0, 0, 0, null, 0, null, null, null);
    }

    @Test
    void coresAreTheUsageBetweenTheReadingsInsideThePhase() {
        // 0.2 s of CPU per second from 1 s to 3 s; a whole core before
        List<StatsSample> samples = List.of(at(0, 0), at(1000, 1_000_000_000L), at(2000, 1_200_000_000L),
                at(3000, 1_400_000_000L), at(4000, 2_400_000_000L));

        assertEquals(0.2, IsolationRunner.cores(samples, T0.plusMillis(900), T0.plusMillis(3100)), 1e-9);
        assertNull(IsolationRunner.cores(samples, T0.plusMillis(1500), T0.plusMillis(2500)), "one reading is no rate");
    }
}
