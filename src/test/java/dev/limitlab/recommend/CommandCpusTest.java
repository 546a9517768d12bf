package dev.limitlab.recommend;

import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.TrialMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.limitlab.metrics.RecommendTargets.DEFAULTS;
import static dev.limitlab.recommend.TrialBuilder.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's own command has no throughput, and still gets a --cpus: from its throttling and demand, or its runtime. */
class CommandCpusTest {
    private static TrialBuilder yes(double cpus, double used, double throttled) {
        return trial("yes", "command").cpus(cpus).cpuUsed(used, used).throttled(throttled);
    }

    @Test
    void aBusyLoopGetsItsDemandPlusHeadroomOnceASweepGoesBeyondIt() {
        // busybox `yes > /dev/null` as measured here: one busy thread
        Recommendation r = Recommender.recommend(TrialBuilder.run(List.of(yes(0.25, 0.26, 1.0), yes(0.5, 0.51, 0.98),
                yes(1.0, 1.0, 0.0), yes(1.5, 1.0, 0.0))), DEFAULTS);
        assertEquals(1.15, r.cpus(), 1e-9, String.join("\n", r.evidence().cpus()));
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("judged on throttled periods alone")),
                String.join("\n", r.evidence().cpus()));
    }

    @Test
    void aWorkloadThatTookAllItWasGivenNamesTheValuesToTestNext() {
        Recommendation r = Recommender.recommend(TrialBuilder.run(List.of(yes(0.25, 0.26, 1.0), yes(0.5, 0.51, 0.98),
                yes(1.0, 1.0, 0.0))), DEFAULTS);
        assertNull(r.cpus(), String.join("\n", r.evidence().cpus()));
        assertEquals(List.of(1.5, 2.0), r.cpusToTry());
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("took all it was given")), String.join("\n", r.evidence().cpus()));
    }

    @Test
    void aBatchCommandsKneeIsFoundOnItsRuntime() {
        // a fixed amount of work: 4 s of CPU at 0.25 cores takes 16 s; from 1 core on it is done in 4 s
        Recommendation r = Recommender.recommend(TrialBuilder.run(List.of(batch(0.25, 16, 1.0), batch(0.5, 8, 1.0),
                batch(1.0, 4.1, 0.05), batch(2.0, 4.0, 0.0))), DEFAULTS);
        assertEquals(1.15, r.cpus(), 1e-9, String.join("\n", r.evidence().cpus()));
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("cpus=1: throughput 97.6 % of plateau")),
                String.join("\n", r.evidence().cpus()));
    }

    private static TrialBuilder batch(double cpus, double runtime, double throttled) {
        TrialMetrics.WorkloadFacts facts = new TrialMetrics.WorkloadFacts(null, null, null, null, null, runtime, null,
                TrialMetrics.RUNTIME_UNIT);
        return trial("build", "command").cpus(cpus).cpuUsed(Math.min(cpus, 1.0), Math.min(cpus, 1.0)).throttled(throttled).facts(facts);
    }
}
