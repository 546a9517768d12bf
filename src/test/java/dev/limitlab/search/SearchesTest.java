package dev.limitlab.search;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.ImageInfo;
import dev.limitlab.docker.InMemoryEngine;
import dev.limitlab.engine.RunContext;
import dev.limitlab.engine.RunListener;
import dev.limitlab.engine.RunLocks;
import dev.limitlab.engine.RunOptions;
import dev.limitlab.engine.ScenarioRunner;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.SearchStep;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Searches driven through a run's session, against the in-memory engine. */
class SearchesTest {
    @TempDir
    Path results;

    private RunRecord run(String experiment, InMemoryEngine engine) throws Exception {
        Scenario scenario = ScenarioLoader.load("s.yaml", new StringReader("name: s\nexperiments:\n" + experiment), 2);
        RunOptions options = RunOptions.defaults(results, "limitlab-agent:test", "test");
        try (RunContext context = RunContext.unlocked(engine, engine, RunLocks.system(), "", Clock.systemUTC());
             ScenarioRunner.Session session = new ScenarioRunner(engine, options, RunListener.NONE, Clock.systemUTC()).open(scenario, context)) {
            session.runTrials();
            Searches.run(session, scenario, Clock.systemUTC());
            session.close();
            return RunJson.read(session.directory().resolve(RunJson.FILE_NAME));
        }
    }

    private static InMemoryEngine engine() {
        return new InMemoryEngine().addImage("limitlab-agent:test", new ImageInfo("sha256:1", 1, Map.of()));
    }

    @Test
    void anInPlaceSearchRunsOneContainerAndUpdatesItsCpus() throws Exception {
        InMemoryEngine engine = engine();

        RunRecord run = run("""
                  - name: api
                    workload: {kind: cpu, threads: 1, load: 65}
                    duration: 200ms
                    search: {cpus: {from: 0.1, to: 2.0, precision: 0.05}, mode: in-place, max-trials: 2}
                """, engine);

        List<TrialResult> trials = run.trials();
        assertTrue(!trials.isEmpty() && trials.size() <= 2, trials.size() + " trials");
        assertEquals(1, engine.created().size(), "one container for every step");
        ContainerSpec spec = engine.created().values().iterator().next();
        assertEquals(2.0, spec.limits().cpus());
        assertEquals(2.0, engine.updates().get(0).cpus());
        SearchStep first = trials.get(0).search();
        assertEquals("in-place", first.mode());
        assertEquals(1, first.step());
        assertEquals(trials.get(0).container(), trials.get(trials.size() - 1).container(), "the same container");
        assertTrue(trials.get(trials.size() - 1).search().ended() != null, "the last step says why the search ended");
        assertEquals(List.of(), engine.containersLabelled(ContainerSpec.RUN_LABEL, run.runId()), "nothing left behind");
    }

    @Test
    void anInPlaceSearchOnAnEngineThatCannotUpdateInPlaceRunsAContainerPerStep() throws Exception {
        InMemoryEngine engine = engine().withoutInPlaceUpdates();

        RunRecord run = run("""
                  - name: api
                    workload: {kind: cpu, threads: 1, load: 65}
                    duration: 200ms
                    search: {cpus: {from: 0.1, to: 2.0, precision: 0.05}, mode: in-place, max-trials: 2}
                """, engine);

        assertEquals(2, run.trials().size());
        assertEquals(2, engine.created().size(), "a container per step");
        assertEquals(List.of(), engine.updates(), "no update of a running container");
        run.trials().forEach(trial -> assertEquals("per-trial", trial.search().mode(), "recorded as it ran"));
    }

    @Test
    void aMemorySearchRunsAContainerPerTrialWithNoSwap() throws Exception {
        InMemoryEngine engine = engine();

        RunRecord run = run("""
                  - name: hold
                    workload: {kind: memory, target: 90m}
                    duration: 200ms
                    search: {memory: {from: 32m, to: 1g, precision: 16m}, max-trials: 3}
                """, engine);

        // no OOM kill anywhere and no working set measured: the top of the range, then the bottom, which passes too
        assertEquals(2, run.trials().size());
        assertEquals(2, engine.created().size());
        assertEquals(1024L << 20, run.trials().get(0).limits().memory(), "the top of the range first");
        assertEquals(run.trials().get(0).limits().memory(), run.trials().get(0).limits().memorySwap(), "no swap: a sure OOM kill");
        assertEquals("per-trial", run.trials().get(0).search().mode());
        assertEquals(32L << 20, run.trials().get(1).limits().memory());
        assertEquals(SearchStep.End.LOWEST_PASSES, run.trials().get(1).search().ended());
    }
}
