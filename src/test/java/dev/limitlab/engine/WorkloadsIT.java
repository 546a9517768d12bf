package dev.limitlab.engine;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One trial of each workload against the real engine; every figure asserted is what the engine reported. */
class WorkloadsIT {
    private static final String SCENARIO = """
            name: workloads-it
            experiments:
              - name: cpu
                workload: {kind: cpu, threads: 2}
                limits: {cpus: 0.5}
                duration: 6s
              - name: oom
                workload: {kind: memory, target: 200m, rate: 100m/s, hold: 5s}
                limits: {memory: 128m, memory-swap: same}
                duration: 15s
              - name: fits
                workload: {kind: memory, target: 150m, rate: 150m/s, hold: 1s}
                limits: {memory: 256m, memory-swap: same}
                duration: 15s
              - name: crash
                workload: {kind: crash, run-for: 100ms, exit-code: 3}
                limits: {restart: "on-failure:2"}
                duration: 20s
            """;

    @TempDir
    static Path results;
    private static ScenarioRunner.Outcome outcome;

    @BeforeAll
    static void runOneTrialOfEachWorkload() throws Exception {
        outcome = EngineFixture.run(SCENARIO, results);
    }


    private static TrialResult trial(String experiment) {
        return EngineFixture.trial(outcome, experiment, 0);
    }

    @Test
    void cpuBoundWorkloadUsesHalfACoreAndIsThrottledInMostPeriodsAtHalfACpu() {
        TrialResult cpu = trial("cpu");
        TrialMetrics m = cpu.metrics();
        assertNull(cpu.error());
        assertEquals(EndReason.DURATION, cpu.endReason());
        assertTrue(m.samples() >= 3, "stats frames: " + m.samples());
        assertTrue(m.cpuUsedCores() >= 0.45 && m.cpuUsedCores() <= 0.55, "cpu used " + m.cpuUsedCores());
        assertTrue(m.throttledPeriodsRatio() >= 0.8, "throttled ratio " + m.throttledPeriodsRatio());
        assertTrue(m.throughputOpsPerSec() > 0, "the agent reported its throughput");
    }

    @Test
    void memoryPastTheLimitIsOomKilled() {
        TrialResult oom = trial("oom");
        assertNull(oom.error());
        assertEquals(EndReason.EXITED, oom.endReason());
        assertTrue(oom.metrics().oomKills() >= 1, "oom kills " + oom.metrics().oomKills());
        assertEquals(137, oom.metrics().lastExitCode());
        Long peak = oom.metrics().memoryPeakBytes();
        assertTrue(peak == null || peak <= 128L << 20, "the cgroup's usage cannot pass its limit: " + peak);
    }

    @Test
    void memoryUnderTheLimitReachesItsTargetWithoutAKill() {
        TrialResult fits = trial("fits");
        assertNull(fits.error());
        assertEquals(EndReason.EXITED, fits.endReason());
        assertEquals(0, fits.metrics().oomKills());
        assertEquals(0, fits.metrics().lastExitCode());
        assertTrue(fits.metrics().workloadMemoryPeakBytes() >= 150L << 20, "reached " + fits.metrics().workloadMemoryPeakBytes());
    }

    @Test
    void crashLoopRestartsAsOftenAsThePolicyAllowsAndKeepsTheLastExitCode() {
        TrialResult crash = trial("crash");
        assertNull(crash.error());
        assertEquals(EndReason.EXITED, crash.endReason());
        assertEquals(2, crash.metrics().restarts());
        assertEquals(3, crash.metrics().lastExitCode());
        assertEquals("on-failure:2", crash.limits().restart());
    }

    @Test
    void runJsonHoldsEveryTrialAndNoContainerIsLeftBehind() throws Exception {
        RunRecord written = RunJson.read(outcome.directory().resolve(RunJson.FILE_NAME));
        assertEquals(RunStatus.COMPLETE, written.status());
        assertEquals(List.of("cpu", "oom", "fits", "crash"), written.trials().stream().map(TrialResult::experiment).toList());
        assertTrue(Files.size(outcome.directory().resolve("events.jsonl")) > 0);
        try (DockerGateway gateway = EngineFixture.gateway()) {
            assertEquals(List.of(), gateway.containersLabelled("limitlab.run", written.runId()));
        }
    }
}
