package dev.limitlab.metrics;

import dev.limitlab.metrics.IsolationRun.IsolationConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VictimTimelineTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    /** One sample line every 250 ms from 0.25 s, with the given ops/s in turn. */
    private static VictimTimeline timeline(double... opsPerSec) {
        List<WorkloadReport> lines = new ArrayList<>();
        for (int i = 0; i < opsPerSec.length; i++) {
            lines.add(new WorkloadReport(START.plusMillis(250L * (i + 1)), "sample", Map.of("opsPerSec", opsPerSec[i])));
        }
        // aggressor from 1 s to 2 s: intervals centred at 1.125..1.875 are "with", from 2.125 on "after"
        return VictimTimeline.of(lines, START, START.plusSeconds(1), START.plusSeconds(2), 250, Duration.ZERO, 0.95);
    }

    @Test
    void oneIntervalLostToAnotherProcessDoesNotMoveAPhase() {
        VictimTimeline timeline = timeline(100, 100, 5, 100, 50, 50, 50, 50, 100, 100, 100, 100);

        assertEquals(100, timeline.before());
        assertEquals(50, timeline.withAggressor());
    }

    @Test
    void aloneIsJudgedFromBeforeAndAfterTogether() {
        // the host got busier during the configuration: 120 before, 80 after
        VictimTimeline timeline = timeline(120, 120, 120, 120, 40, 40, 40, 40, 80, 80, 80, 80, 80);

        assertEquals(120, timeline.before());
        assertEquals(80, timeline.after());
        assertEquals(80, timeline.alone());
        assertEquals(0.5, timeline.configuration(1, null, 0.25, null, null, null).victimShare(), 1e-9);
    }

    @Test
    void aServiceVictimsThroughputIsItsDriversCompletedRequestsAndItsLatencyRatioComparesP99s() {
        List<WorkloadReport> driver = new ArrayList<>();
        double[] p99 = {4, 4, 4, 4, 40, 40, 40, 40, 4, 4, 4, 4};
        for (int i = 0; i < p99.length; i++) {
            long completed = i >= 4 && i < 8 ? 25 : 50; // per 250 ms: 200/s alone, 100/s beside the aggressor
            driver.add(new WorkloadReport(START.plusMillis(250L * (i + 1)), "sample",
                    Map.of("completed", completed, "latencyMs", Map.of("p50", 1.0, "p99", p99[i]))));
        }
        driver.add(new WorkloadReport(START.plusMillis(3100), "ready", Map.of())); // not a sample: no point
        VictimTimeline timeline = VictimTimeline.ofService(driver, START, START.plusSeconds(1), START.plusSeconds(2), 250,
                Duration.ZERO, 0.95);

        IsolationConfiguration configuration = timeline.configuration(1, null, 0.25, null, null, null);
        assertEquals(200, configuration.victimAlone(), 1e-9);
        assertEquals(0.5, configuration.victimShare(), 1e-9);
        assertEquals(10, configuration.victimLatencyRatio(), 1e-9);
        assertEquals("requests/s", configuration.timelineUnit());
        assertEquals(12, configuration.latencyTimeline().size());
    }

    @Test
    void aCpuVictimHasNoLatencyRatio() {
        assertNull(timeline(100, 100, 100, 100, 50, 50, 50, 50, 100).configuration(1, null, 0.25, null, null, null).victimLatencyRatio());
    }

    @Test
    void recoveryCountsFromTheRemovalToTheFirstIntervalBackWithinFivePercent() {
        VictimTimeline timeline = timeline(100, 100, 100, 100, 10, 10, 10, 10, 50, 96, 100, 100);

        assertEquals(0.5, timeline.recoverySeconds(0.25), 1e-9);
    }
}
