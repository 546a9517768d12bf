package dev.limitlab.engine;

import dev.limitlab.docker.ImageInfo;
import dev.limitlab.docker.InMemoryEngine;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run's own logic against an in-memory engine that can go away: no Docker needed. */
class ScenarioRunnerTest {
    private static final String SCENARIO = """
            name: faults
            experiments:
              - name: cpu
                workload: {kind: cpu}
                matrix: {cpus: [0.5, 1.0, 1.5]}
                duration: 200ms
            """;

    @TempDir
    Path results;

    private ScenarioRunner.Outcome run(InMemoryEngine engine, Duration recovery) throws Exception {
        Scenario scenario = ScenarioLoader.load("faults.yaml", new StringReader(SCENARIO));
        RunOptions options = RunOptions.defaults(results, "limitlab-agent:test", "test").withEngineRecovery(recovery);
        return new ScenarioRunner(engine, options, RunListener.NONE, Clock.systemUTC()).run(scenario);
    }

    private static InMemoryEngine engineWithImage() {
        return new InMemoryEngine().addImage("limitlab-agent:test", new ImageInfo("sha256:1", 1, Map.of()));
    }

    @Test
    void aTrialLostToAnEngineRestartIsAnInfrastructureFailureAndTheRunGoesOn() throws Exception {
        InMemoryEngine engine = engineWithImage().goesAwayAtStart(2, 2);

        ScenarioRunner.Outcome outcome = run(engine, Duration.ofSeconds(10));

        RunRecord written = RunJson.read(outcome.directory().resolve(RunJson.FILE_NAME));
        assertEquals(RunStatus.COMPLETE, written.status());
        List<TrialResult> trials = written.trials();
        assertEquals(3, trials.size());
        assertNull(trials.get(0).error());
        assertEquals(EndReason.ENGINE_LOST, trials.get(1).endReason());
        assertTrue(trials.get(1).error().contains("connection refused"), trials.get(1).error());
        assertNull(trials.get(2).error(), "the engine came back: the next trial ran");
        assertEquals(List.of(), engine.containersLabelled(TrialRunner.RUN_LABEL, written.runId()), "nothing left behind");
    }

    @Test
    void anEngineThatStaysAwayEndsTheRunCleanlyWithWhatItMeasured() throws Exception {
        InMemoryEngine engine = engineWithImage().goesAwayAtStart(2, Integer.MAX_VALUE);

        ScenarioRunner.Outcome outcome = run(engine, Duration.ofSeconds(2));

        RunRecord written = RunJson.read(outcome.directory().resolve(RunJson.FILE_NAME));
        assertEquals(RunStatus.ENGINE_LOST, written.status());
        assertEquals(2, written.trials().size(), "the third trial was not attempted");
        assertEquals(EndReason.ENGINE_LOST, written.trials().get(1).endReason());
    }

    @Test
    void aDaemonThatStopsItsContainersMidTrialLosesThatTrialNotTheWorkload() throws Exception {
        InMemoryEngine engine = engineWithImage().daemonStopsAtStart(2, 2, true);

        RunRecord written = RunJson.read(run(engine, Duration.ofSeconds(10)).directory().resolve(RunJson.FILE_NAME));

        assertEquals(RunStatus.COMPLETE, written.status());
        TrialResult lost = written.trials().get(1);
        assertEquals(EndReason.ENGINE_LOST, lost.endReason(), "the 143 was the daemon's doing");
        assertTrue(lost.error().contains("went away"), lost.error());
        assertNull(written.trials().get(2).error(), "the next trial ran once the engine answered");
        assertEquals(EndReason.DURATION, written.trials().get(2).endReason());
        assertEquals(List.of(), engine.containersLabelled(TrialRunner.RUN_LABEL, written.runId()), "nothing left behind");
    }

    @Test
    void aDaemonThatCrashesMidTrialEndsTheTrialAtOnce() throws Exception {
        InMemoryEngine engine = engineWithImage().daemonStopsAtStart(1, 1, false);

        RunRecord written = RunJson.read(run(engine, Duration.ofSeconds(10)).directory().resolve(RunJson.FILE_NAME));

        TrialResult lost = written.trials().get(0);
        assertEquals(EndReason.ENGINE_LOST, lost.endReason());
        assertTrue(lost.error().startsWith("the engine"), lost.error());
        assertEquals(List.of(EndReason.ENGINE_LOST, EndReason.DURATION, EndReason.DURATION),
                written.trials().stream().map(TrialResult::endReason).toList());
    }

    @Test
    void aContainerStoppedFromOutsideWhileTheEngineStaysIsAFailedTrialNotAResult() throws Exception {
        InMemoryEngine engine = engineWithImage();
        engine.script(spec -> InMemoryEngine.Behaviour.hangs());
        Thread operator = new Thread(() -> org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            String running = engine.created().keySet().stream().findFirst().orElse(null);
            if (running == null || !engine.inspect(running).running()) {
                return false;
            }
            engine.emit(new dev.limitlab.metrics.ContainerEvent(running, "kill", java.time.Instant.now(), null, java.time.Instant.now()));
            engine.emit(new dev.limitlab.metrics.ContainerEvent(running, "die", java.time.Instant.now(), 143, java.time.Instant.now()));
            return true;
        }));
        operator.start();

        RunRecord written = RunJson.read(run(engine, Duration.ofSeconds(2)).directory().resolve(RunJson.FILE_NAME));
        operator.join();

        TrialResult stopped = written.trials().get(0);
        assertEquals(EndReason.ERROR, stopped.endReason());
        assertTrue(stopped.error().contains("stopped from outside"), stopped.error());
        assertEquals(RunStatus.COMPLETE, written.status(), "the engine answered: the run went on");
    }
}
