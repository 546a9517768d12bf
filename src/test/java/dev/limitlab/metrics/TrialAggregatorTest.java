package dev.limitlab.metrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TrialAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final FinalState STOPPED_BY_LIMITLAB = new FinalState(true, 0, false, 0);

    private static StatsSample sample(long ms, long cpuNs, long periods, long throttled, long throttledNs, long usage, Long max) {
        return new StatsSample(T0.plusMillis(ms), cpuNs, periods, throttled, throttledNs, usage, max, usage, 3L);
    }

    private static ContainerEvent event(String action, long ms, Integer exitCode) {
        return new ContainerEvent("c1", action, T0.plusMillis(ms), exitCode, T0.plusMillis(ms + 5));
    }

    @Test
    void cpuUsedAndThrottlingAreCounterDifferencesOverTheSampledTime() {
        // 0.5 cores over 2 s: 1e9 ns of CPU; 20 periods, 18 throttled, 0.9 s throttled.
        List<StatsSample> samples = List.of(
                sample(0, 1_000_000_000L, 100, 90, 4_000_000_000L, 100, 200L),
                sample(1000, 1_500_000_000L, 110, 99, 4_500_000_000L, 100, 200L),
                sample(2000, 2_000_000_000L, 120, 108, 4_900_000_000L, 100, 300L));

        TrialMetrics m = TrialAggregator.aggregate(samples, List.of(), List.of(), STOPPED_BY_LIMITLAB);

        assertEquals(0.5, m.cpuUsedCores(), 1e-9);
        assertEquals(18.0 / 20, m.throttledPeriodsRatio(), 1e-9);
        assertEquals(0.45, m.throttledSecondsPerSecond(), 1e-9);
        assertEquals(300L, m.memoryPeakBytes());
        assertEquals(3, m.statsSamples());
        assertNull(m.lastExitCode(), "the container was still running when the trial ended");
    }

    @Test
    void anIntervalAcrossARestartIsDroppedNotCountedNegative() {
        List<StatsSample> samples = List.of(
                sample(0, 0, 0, 0, 0, 10, null),
                sample(1000, 800_000_000L, 10, 0, 0, 10, null),
                sample(2000, 100_000_000L, 1, 0, 0, 10, null), // restarted: counters from zero
                sample(3000, 900_000_000L, 11, 0, 0, 10, null));

        TrialMetrics m = TrialAggregator.aggregate(samples, List.of(), List.of(), STOPPED_BY_LIMITLAB);

        assertEquals(0.8, m.cpuUsedCores(), 1e-9);
    }

    @Test
    void withoutACpuLimitThereAreNoPeriodsSoNoThrottlingFigure() {
        List<StatsSample> samples = List.of(sample(0, 0, 0, 0, 0, 10, null), sample(1000, 1_000_000_000L, 0, 0, 0, 10, null));

        TrialMetrics m = TrialAggregator.aggregate(samples, List.of(), List.of(), STOPPED_BY_LIMITLAB);

        assertNull(m.throttledPeriodsRatio());
        assertNull(m.throttledSecondsPerSecond());
        assertEquals(10L, m.memoryPeakBytes(), "v2 has no max_usage: the peak is the highest usage seen");
    }

    @Test
    void restartsComeFromDieThenStartAndTheLastExitCodeFromTheLastDeath() {
        List<ContainerEvent> events = List.of(
                event("start", 0, null), event("die", 400, 3),
                event("start", 800, null), event("die", 1200, 3),
                event("start", 1700, null), event("die", 2100, 3),
                event("start", 2900, null), event("die", 3300, 3));

        TrialMetrics m = TrialAggregator.aggregate(List.of(), events, List.of(), new FinalState(false, 3, false, 3));

        assertEquals(3, m.restarts());
        assertEquals(3, m.lastExitCode());
        assertEquals(0, m.oomKills());
        assertNull(m.cpuUsedCores(), "no stats frames: not measured, not zero");
    }

    @Test
    void everyOomEventCountsEvenWhenTheContainerLivesOn() {
        List<ContainerEvent> events = List.of(event("start", 0, null), event("oom", 500, null), event("oom", 900, null),
                event("die", 1000, 0));

        TrialMetrics m = TrialAggregator.aggregate(List.of(), events, List.of(), new FinalState(false, 0, true, 0));

        assertEquals(2, m.oomKills());
        assertEquals(0, m.lastExitCode());
    }

    @Test
    void aMissedOomEventIsCorroboratedByInspect() {
        List<ContainerEvent> events = List.of(event("start", 0, null), event("die", 1000, 137));

        TrialMetrics m = TrialAggregator.aggregate(List.of(), events, List.of(), new FinalState(false, 0, true, 137));

        assertEquals(1, m.oomKills());
    }

    @Test
    void throughputIsTheMeanOfTheAgentsIntervalRatesAndMemoryTheLargestRss() {
        List<WorkloadReport> reports = List.of(
                new WorkloadReport(T0, "start", null, null, null),
                new WorkloadReport(T0.plusSeconds(1), "sample", 100.0, 100L, 50L),
                new WorkloadReport(T0.plusSeconds(2), "sample", 300.0, 300L, 70L));

        TrialMetrics m = TrialAggregator.aggregate(List.of(), List.of(), reports, STOPPED_BY_LIMITLAB);

        assertEquals(200.0, m.throughputOpsPerSec(), 1e-9);
        assertEquals(70L, m.workloadMemoryPeakBytes());
    }

    @Test
    void percentileIsNearestRank() {
        assertEquals(10.0, TrialAggregator.percentile(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0), 0.95));
        assertEquals(3.0, TrialAggregator.percentile(List.of(3.0), 0.95));
        assertNull(TrialAggregator.percentile(List.of(), 0.95));
    }
}
