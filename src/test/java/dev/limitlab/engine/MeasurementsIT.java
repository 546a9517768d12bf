package dev.limitlab.engine;

import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measurements agree with the kernel's and the engine's accounting (issue 3), with tolerances that
 * hold on a noisy 2-core machine: the 100 ms cgroup sampler, the restart timeline against the engine's
 * backoff, OOM kills.
 */
class MeasurementsIT {
    private static final String SCENARIO = """
            name: measurements-it
            experiments:
              - name: saturating
                workload: {kind: cpu, threads: 2}
                limits: {cpus: 0.5}
                duration: 6s
                warmup: 1s
              - name: duty-cycle
                workload: {kind: cpu, threads: 1, load: 60}
                limits: {cpus: 1.0}
                duration: 6s
                warmup: 1s
              - name: memory
                workload: {kind: memory, target: 200m, rate: 200m/s, hold: 2s}
                limits: {memory-swap: same}
                matrix: {memory: [128m, 256m]}
                duration: 15s
              - name: crash-loop
                workload: {kind: crash, run-for: 200ms, exit-code: 3}
                limits: {restart: "on-failure:5"}
                duration: 25s
            """;

    @TempDir
    static Path results;
    private static ScenarioRunner.Outcome outcome;

    @BeforeAll
    static void run() throws Exception {
        outcome = EngineFixture.run(SCENARIO, results);
    }


    private static TrialResult trial(String experiment, int index) {
        return EngineFixture.trial(outcome, experiment, index);
    }

    @Test
    void twoBusyThreadsAtHalfACpuUseHalfACoreThrottledInNineOfTenPeriods() {
        TrialMetrics m = trial("saturating", 0).metrics();
        assertEquals(Sampler.CGROUP, m.sampler(), "the engine is local: the 100 ms sampler is used");
        assertTrue(m.samples() >= 40, "readings: " + m.samples());
        assertEquals(0.5, m.cpuUsedCores(), 0.05);
        assertTrue(m.throttledPeriodsRatio() >= 0.9, "throttled " + m.throttledPeriodsRatio());
        assertTrue(m.totals().periods() >= 40, "about 50 CFS periods in 5 s: " + m.totals().periods());
    }

    @Test
    void oneThreadAtSixtyPercentUsesSixTenthsOfACoreAndIsRarelyThrottled() {
        TrialMetrics m = trial("duty-cycle", 0).metrics();
        assertEquals(0.6, m.cpuUsedCores(), 0.08);
        assertTrue(m.throttledPeriodsRatio() <= 0.2, "throttled " + m.throttledPeriodsRatio());
        assertTrue(m.throughputOpsPerSec() > 0);
        assertEquals(1, m.workload().availableProcessors(), "the JVM sees the --cpus limit");
    }

    @Test
    void memoryPastTheLimitIsKilledAndUnderItIsNot() {
        TrialResult killed = trial("memory", 0), fits = trial("memory", 1);
        assertEquals(128L << 20, killed.limits().memory());
        assertTrue(killed.metrics().oomKills() >= 1, "oom kills " + killed.metrics().oomEvidence());
        assertEquals(137, killed.metrics().lastExitCode());
        assertEquals(0, fits.metrics().oomKills(), fits.metrics().oomEvidence().toString());
        assertEquals(0, fits.metrics().lastExitCode());
        double workingSetMiB = fits.metrics().workingSetPeakBytes() / 1048576.0;
        assertEquals(200, workingSetMiB, 20, "peak working set 200m +- 10 %: " + workingSetMiB + " MiB");
    }

    @Test
    void aCrashLoopFollowsTheEnginesBackoffUntilThePolicyGivesUp() {
        TrialResult crash = trial("crash-loop", 0);
        TrialMetrics m = crash.metrics();
        assertNull(crash.error());
        assertEquals(5, m.restarts());
        assertEquals(3, m.lastExitCode());
        assertTrue(m.policyGaveUp());
        assertEquals(6, m.restartTimeline().size(), "5 restarts, 6 runs");
        for (TrialMetrics.RunSpan run : m.restartTimeline().subList(1, 6)) {
            assertTrue(run.delaySeconds() >= run.expectedBackoffSeconds() && run.delaySeconds() <= run.expectedBackoffSeconds() + 0.6,
                    "run " + run.run() + ": observed " + run.delaySeconds() + " s, expected backoff " + run.expectedBackoffSeconds() + " s");
            assertEquals(3, run.exitCode());
        }
        assertEquals(1.6, m.restartTimeline().get(5).expectedBackoffSeconds(), 1e-9);
    }
}
