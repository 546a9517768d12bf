package dev.limitlab.engine;

import dev.limitlab.docker.EngineResource;
import dev.limitlab.docker.InMemoryEngine;
import dev.limitlab.docker.InMemoryEngine.Behaviour;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.RawLog;
import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One trial against the in-memory engine: what the engine reports becomes the trial's result. */
class TrialRunnerTest {
    @TempDir
    Path results;

    private TrialResult runTrial(InMemoryEngine engine) throws Exception {
        Scenario scenario = ScenarioLoader.load("one.yaml", new StringReader("""
                name: one
                experiments:
                  - name: cpu
                    workload: {kind: cpu}
                    duration: 30s
                """));
        RunOptions options = RunOptions.defaults(results, "limitlab-agent:test", "test");
        try (RunContext context = RunContext.unlocked(engine, engine, new RunLocks(results), "run-", Clock.systemUTC());
             RawLog rawLog = new RawLog(results)) {
            return new TrialRunner(engine, context, options, rawLog, RunListener.NONE, Clock.systemUTC())
                    .run(TrialPlan.of(scenario).get(0), null);
        }
    }

    private static StatsSample sample(long cpuTotalNs) {
        return new StatsSample(Instant.now(), cpuTotalNs, 0, 0, 0, 1 << 20, null, 1 << 20, 1L, null, null);
    }

    @Test
    void aContainerThatExitsEndsItsTrialOnItsDeathNotAtTheDeadlineAndLeavesNothingBehind() throws Exception {
        InMemoryEngine engine = new InMemoryEngine().script(spec -> Behaviour.exits(3).sampling(sample(0), sample(1_000_000)));

        TrialResult result = runTrial(engine);

        assertNull(result.error());
        assertEquals(EndReason.EXITED, result.endReason());
        assertTrue(Duration.between(result.startedAt(), result.endedAt()).compareTo(Duration.ofSeconds(30)) < 0,
                "it ended when the container died");
        assertEquals(3, result.metrics().lastExitCode());
        assertEquals(Sampler.STATS, result.metrics().sampler());
        assertEquals(List.of(result.container()), engine.removed().stream().map(EngineResource::name).toList());
        assertEquals(0, engine.openStreams(), "both streams closed");
    }
}
