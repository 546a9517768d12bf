package dev.limitlab.bench;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.InMemoryEngine;
import dev.limitlab.docker.Mounts;
import dev.limitlab.engine.Trial;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.limitlab.recommend.TrialBuilder.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder's marks, taken in the order a trial makes its engine calls, against an in-memory engine. */
class OverheadRecorderTest {
    private static final StatsSample SAMPLE = new StatsSample(Instant.EPOCH, 0, 0, 0, 0, 0, null, 0, null, null, null);

    @Test
    void timesEachTrialFromCreateToFirstSampleAndFromStopToRemoval() throws Exception {
        Scenario scenario = ScenarioLoader.load("short.yaml", new StringReader("""
                name: short
                defaults: {duration: 1s, repeat: 2}
                experiments:
                  - name: short-cpu
                    workload: {kind: cpu}
                """));
        OverheadRecorder recorder = new OverheadRecorder();
        DockerGateway engine = recorder.wrap(new InMemoryEngine());

        for (int index = 1; index <= 2; index++) {
            Trial planned = new Trial(index, scenario.experiments().get(0), Limits.NONE, index);
            TrialResult finished = trial("short-cpu", "cpu").build(index); // its container is named short-cpu-<index>
            recorder.trialStarted(planned);
            String id = engine.create(new ContainerSpec(finished.container(), "limitlab-agent:test", List.of(),
                    Map.of(), Limits.NONE, null, Hardening.DEFAULT, Mounts.NONE));
            engine.start(id);
            if (index == 1) {
                recorder.sampled(planned, SAMPLE);
                recorder.sampled(planned, SAMPLE); // only the first counts
            }
            engine.kill(id);
            engine.remove(id);
            recorder.trialFinished(finished);
        }

        List<OverheadRecorder.TrialOverhead> overheads = recorder.overheads();
        assertEquals(1, overheads.size(), "the trial with no sample has no setup time");
        OverheadRecorder.TrialOverhead first = overheads.get(0);
        assertEquals(1, first.trial());
        assertTrue(first.setupS() >= 0 && first.teardownS() >= 0 && first.setupS() < 1 && first.teardownS() < 1, first.toString());
        assertTrue(first.excessS() < 0, "it ran for no time at all, not its second: " + first);
    }
}
