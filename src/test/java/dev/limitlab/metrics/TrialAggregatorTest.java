package dev.limitlab.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final FinalState STILL_RUNNING = new FinalState(true, 0, false, 0);

    private static StatsSample sample(long ms, long cpuNs, long periods, long throttled, long throttledNs, long usage, Long max) {
        return new StatsSample(T0.plusMillis(ms), cpuNs, periods, throttled, throttledNs, usage, max, usage, 3L, null, null);
    }

    private static StatsSample cgroupSample(long ms, long cpuNs, long oomKills) {
        return new StatsSample(T0.plusMillis(ms), cpuNs, 0, 0, 0, 10, 10L, 10, 2L, 0L, oomKills);
    }

    private static ContainerEvent event(String action, long ms, Integer exitCode) {
        return new ContainerEvent("c1", action, T0.plusMillis(ms), exitCode, T0.plusMillis(ms + 5));
    }

    private static TrialMetrics aggregate(List<StatsSample> samples, List<ContainerEvent> events,
                                          List<WorkloadReport> reports, FinalState state) {
        return TrialAggregator.aggregate(new TrialInput(samples, Sampler.STATS, events, reports, state, null, null));
    }

    @Test
    void cpuUsedAndThrottlingAreCounterDifferencesOverTheSampledTime() {
        // 0.5 cores over 2 s: 1e9 ns of CPU; 20 periods, 18 throttled, 0.9 s throttled.
        List<StatsSample> samples = List.of(
                sample(0, 1_000_000_000L, 100, 90, 4_000_000_000L, 100, 200L),
                sample(1000, 1_500_000_000L, 110, 99, 4_500_000_000L, 100, 200L),
                sample(2000, 2_000_000_000L, 120, 108, 4_900_000_000L, 100, 300L));

        TrialMetrics m = aggregate(samples, List.of(), List.of(), STILL_RUNNING);

        assertEquals(0.5, m.cpuUsedCores(), 1e-9);
        assertEquals(18.0 / 20, m.throttledPeriodsRatio(), 1e-9);
        assertEquals(0.45, m.throttledSecondsPerSecond(), 1e-9);
        assertEquals(300L, m.memoryPeakBytes());
        assertEquals(3L, m.pidsPeak());
        assertEquals(3, m.samples());
        assertNull(m.lastExitCode(), "the container was still running when the trial ended");
        assertNull(m.policyGaveUp(), "no on-failure policy");
    }

    @Test
    void theWarmupIsLeftOutOfCpuButNotOutOfThePeak() {
        List<StatsSample> samples = List.of(
                sample(0, 0, 0, 0, 0, 100, 900L), // JVM start: a burst, and the memory peak
                sample(1000, 2_000_000_000L, 10, 0, 0, 100, 900L),
                sample(2000, 2_500_000_000L, 20, 5, 0, 100, 900L),
                sample(3000, 3_000_000_000L, 30, 10, 0, 100, 900L));
        List<WorkloadReport> reports = List.of(
                new WorkloadReport(T0.plusMillis(900), "sample", Map.of("opsPerSec", 10)),
                new WorkloadReport(T0.plusMillis(2000), "sample", Map.of("opsPerSec", 100)));

        TrialMetrics m = TrialAggregator.aggregate(new TrialInput(samples, Sampler.CGROUP, List.of(), reports, STILL_RUNNING,
                T0.plusMillis(1000), null));

        assertEquals(0.5, m.cpuUsedCores(), 1e-9);
        assertEquals(0.5, m.throttledPeriodsRatio(), 1e-9);
        assertEquals(900L, m.memoryPeakBytes());
        assertEquals(100.0, m.throughputOpsPerSec(), 1e-9);
        assertEquals(Sampler.CGROUP, m.sampler());
    }

    @Test
    void anIntervalAcrossARestartIsDroppedNotCountedNegative() {
        List<StatsSample> samples = List.of(
                sample(0, 0, 0, 0, 0, 10, null),
                sample(1000, 800_000_000L, 10, 0, 0, 10, null),
                sample(2000, 100_000_000L, 1, 0, 0, 10, null), // restarted: counters from zero
                sample(3000, 900_000_000L, 11, 0, 0, 10, null));

        TrialMetrics m = aggregate(samples, List.of(), List.of(), STILL_RUNNING);

        assertEquals(0.8, m.cpuUsedCores(), 1e-9);
    }

    @Test
    void withoutACpuLimitThereAreNoPeriodsSoNoThrottlingFigure() {
        List<StatsSample> samples = List.of(sample(0, 0, 0, 0, 0, 10, null), sample(1000, 1_000_000_000L, 0, 0, 0, 10, null));

        TrialMetrics m = aggregate(samples, List.of(), List.of(), STILL_RUNNING);

        assertNull(m.throttledPeriodsRatio());
        assertNull(m.throttledSecondsPerSecond());
        assertEquals(10L, m.memoryPeakBytes(), "v2 has no max_usage: the peak is the highest usage seen");
    }

    @Test
    void theRestartTimelineSetsEachObservedDelayBesideTheEnginesBackoff() {
        List<ContainerEvent> events = List.of(
                event("start", 0, null), event("die", 400, 3),
                event("start", 770, null), event("die", 1170, 3),
                event("start", 1620, null), event("die", 2020, 3),
                event("start", 2630, null), event("die", 3030, 3));

        TrialMetrics m = TrialAggregator.aggregate(new TrialInput(List.of(), Sampler.STATS, events, List.of(),
                new FinalState(false, 3, false, 3), null, "on-failure:3"));

        assertEquals(3, m.restarts());
        assertEquals(3, m.lastExitCode());
        assertEquals(4, m.restartTimeline().size());
        assertNull(m.restartTimeline().get(0).delaySeconds());
        assertEquals(List.of(0.37, 0.45, 0.61), m.restartTimeline().stream().skip(1).map(TrialMetrics.RunSpan::delaySeconds).toList());
        assertEquals(List.of(0.1, 0.2, 0.4), m.restartTimeline().stream().skip(1).map(TrialMetrics.RunSpan::expectedBackoffSeconds).toList());
        assertEquals(0.4, m.restartTimeline().get(0).runSeconds(), 1e-9);
        assertTrue(m.policyGaveUp());
        assertEquals(T0.plusMillis(3030), m.policyGaveUpAt());
    }

    @Test
    void aTransientFailureThatRecoversIsNotAGiveUp() {
        List<ContainerEvent> events = List.of(event("start", 0, null), event("die", 400, 3),
                event("start", 800, null), event("die", 1200, 0));

        TrialMetrics m = TrialAggregator.aggregate(new TrialInput(List.of(), Sampler.STATS, events, List.of(),
                new FinalState(false, 1, false, 0), null, "on-failure:5"));

        assertFalse(m.policyGaveUp());
        assertNull(m.policyGaveUpAt());
        assertEquals(0, m.lastExitCode());
        assertEquals(1, m.restarts());
    }

    @Test
    void backoffDoublesFrom100msCapsAt60sAndResetsAfterARunOf10s() {
        Duration shortRun = Duration.ofMillis(200);
        assertEquals(Duration.ofMillis(100), TrialAggregator.expectedBackoff(null, shortRun));
        assertEquals(Duration.ofMillis(200), TrialAggregator.expectedBackoff(Duration.ofMillis(100), shortRun));
        assertEquals(Duration.ofSeconds(60), TrialAggregator.expectedBackoff(Duration.ofMillis(51_200), shortRun));
        assertEquals(Duration.ofSeconds(60), TrialAggregator.expectedBackoff(Duration.ofSeconds(60), shortRun));
        assertEquals(Duration.ofMillis(100), TrialAggregator.expectedBackoff(Duration.ofMillis(1600), Duration.ofSeconds(10)));
    }

    @Test
    void aChildKilledWhileTheContainerLivesOnCountsOnceFromAllThreeSignals() {
        List<ContainerEvent> events = List.of(event("start", 0, null), event("oom", 500, null), event("die", 1000, 0));
        List<StatsSample> samples = List.of(cgroupSample(0, 0, 0), cgroupSample(600, 10, 1));

        TrialMetrics m = aggregate(samples, events, List.of(), new FinalState(false, 0, true, 0));

        assertEquals(1, m.oomKills());
        assertEquals(new TrialMetrics.OomEvidence(1, 1, 1L), m.oomEvidence());
        assertEquals(0, m.lastExitCode());
        assertEquals(0, m.restarts());
    }

    @Test
    void aMissedOomEventIsCorroboratedByTheDeathAndInspect() {
        List<ContainerEvent> events = List.of(event("start", 0, null), event("die", 1000, 137));

        TrialMetrics m = aggregate(List.of(), events, List.of(), new FinalState(false, 0, true, 137));

        assertEquals(1, m.oomKills());
        assertEquals(new TrialMetrics.OomEvidence(0, 1, null), m.oomEvidence());
    }

    @Test
    void theCgroupCounterIsSummedOverRestartsSinceItResetsWithEachStart() {
        List<StatsSample> samples = List.of(cgroupSample(0, 100, 0), cgroupSample(100, 200, 2),
                cgroupSample(200, 50, 0), cgroupSample(300, 60, 1));

        TrialMetrics m = aggregate(samples, List.of(), List.of(), STILL_RUNNING);

        assertEquals(3L, m.oomEvidence().cgroupCounter());
        assertEquals(3, m.oomKills());
    }

    @Test
    void workloadFactsComeFromTheAgentsStartRefusalAndScoreLines() {
        List<WorkloadReport> reports = List.of(
                new WorkloadReport(T0, "start", Map.of("availableProcessors", 1, "maxHeapBytes", 64L << 20, "containerMemoryLimitBytes", 256L << 20)),
                new WorkloadReport(T0.plusSeconds(1), "sample", Map.of("threadsStarted", 40)),
                new WorkloadReport(T0.plusSeconds(2), "refused", Map.of("threadsStarted", 46, "error", "unable to create native thread")));

        TrialMetrics.WorkloadFacts facts = aggregate(List.of(), List.of(), reports, STILL_RUNNING).workload();

        assertEquals(1, facts.availableProcessors());
        assertEquals(256L << 20, facts.containerMemoryLimitBytes());
        assertEquals(46, facts.threadsStarted());
        assertEquals("unable to create native thread", facts.refusal());
        assertNull(facts.score());
    }

    @Test
    void percentileIsNearestRank() {
        assertEquals(10.0, TrialAggregator.percentile(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0), 0.95));
        assertEquals(3.0, TrialAggregator.percentile(List.of(3.0), 0.95));
        assertNull(TrialAggregator.percentile(List.of(), 0.95));
    }
}
