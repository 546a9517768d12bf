package dev.limitlab.engine;

import dev.limitlab.metrics.EndReason;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workload kinds beyond cpu and memory, against the real engine: a transient crash that recovers, a pids
 * limit met, a child process OOM-killed while the container lives on (a user's own image and command), and a
 * JMH benchmark under two CPU limits.
 */
class WorkloadKindsIT {
    private static final String SCENARIO = """
            name: kinds-it
            experiments:
              - name: transient
                workload: {kind: crash, run-for: 200ms, exit-code: 3, succeed-after: 2}
                limits: {restart: "on-failure:5"}
                duration: 20s
              - name: pids
                workload: {kind: pids, threads: 200}
                limits: {pids-limit: 50}
                duration: 5s
              - name: child-oom
                workload: {kind: command, image: "limitlab-busybox:latest", command: [sh, -c, "dd if=/dev/zero of=/dev/null bs=64M count=1; echo survived"]}
                limits: {memory: 32m, memory-swap: same}
                duration: 15s
              - name: jmh
                workload: {kind: jmh, warmup-iterations: 1, iterations: 2, iteration-time: 1s}
                matrix: {cpus: [0.5, 1.0]}
                duration: 25s
            """;

    @TempDir
    static Path results;
    private static ScenarioRunner.Outcome outcome;

    @BeforeAll
    static void run() throws Exception {
        Process build = new ProcessBuilder("scripts/build-busybox-image.sh").inheritIO().start();
        assertEquals(0, build.waitFor(), "scripts/build-busybox-image.sh");
        outcome = EngineFixture.run(SCENARIO, results);
    }


    private static TrialResult trial(String experiment, int index) {
        return EngineFixture.trial(outcome, experiment, index);
    }

    @Test
    void aTransientFailureRecoversOnItsThirdRunUnderOnFailure() {
        TrialMetrics m = trial("transient", 0).metrics();
        assertNull(trial("transient", 0).error());
        assertEquals(2, m.restarts());
        assertEquals(0, m.lastExitCode());
        assertFalse(m.policyGaveUp());
        assertEquals(3, m.restartTimeline().size());
    }

    @Test
    void aPidsLimitCapsTheThreadsAndTheRefusalIsRecorded() {
        TrialMetrics m = trial("pids", 0).metrics();
        assertNull(trial("pids", 0).error());
        assertNotNull(m.pidsPeak());
        assertTrue(m.pidsPeak() <= 50, "pids peak " + m.pidsPeak());
        assertNotNull(m.workload().refusal(), "the agent recorded the refused thread");
        assertTrue(m.workload().threadsStarted() < 200, "threads started " + m.workload().threadsStarted());
    }

    @Test
    void aChildKilledByTheOomKillerCountsOnceWhileTheContainerExitsZero() {
        TrialResult child = trial("child-oom", 0);
        assertNull(child.error());
        assertEquals(EndReason.EXITED, child.endReason());
        assertEquals(1, child.metrics().oomKills(), child.metrics().oomEvidence().toString());
        assertEquals(0, child.metrics().lastExitCode());
        assertEquals(0, child.metrics().restarts());
    }

    @Test
    void aBenchmarkScoresLowerAtHalfACpu() {
        TrialMetrics half = trial("jmh", 0).metrics(), one = trial("jmh", 1).metrics();
        assertNull(trial("jmh", 0).error());
        assertNotNull(half.workload().score(), "score at cpus 0.5");
        assertNotNull(one.workload().score(), "score at cpus 1.0");
        assertTrue(half.workload().score() < one.workload().score(),
                "score at 0.5 cpus " + half.workload().score() + " vs at 1.0 " + one.workload().score());
        assertEquals("ops/s", one.workload().scoreUnit());
    }
}
