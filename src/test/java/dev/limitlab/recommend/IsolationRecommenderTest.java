package dev.limitlab.recommend;

import dev.limitlab.metrics.IsolationRun;
import dev.limitlab.metrics.IsolationRun.IsolationConfiguration;
import dev.limitlab.metrics.IsolationRun.IsolationRecommendation;
import dev.limitlab.metrics.TrialLimits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolationRecommenderTest {
    private static IsolationConfiguration configuration(int index, double cpus, Double share, String hostGuard) {
        return new IsolationConfiguration(index, new TrialLimits(cpus, 64L << 20, 64L << 20, 64L, "no", "0"), 100.0, 100.0, 100.0,
                share == null ? null : share * 100, share, null, 0.5, null, null, null, null, hostGuard, 7.0, 13.0, "ops/s", List.of(), List.of(), null);
    }

    private static IsolationRun run(double target, IsolationConfiguration... configurations) {
        return new IsolationRun("bomb", "cpu", "fork-bomb", target, "0", 6, List.of(configurations), null);
    }

    @Test
    void namesTheLoosestConfigurationThatKeptTheTargetWithEveryShareAsEvidence() {
        IsolationRecommendation made = IsolationRecommender.recommend(run(0.7,
                configuration(1, 0.2, 0.85, null), configuration(2, 0.5, 0.72, null), configuration(3, 1.0, 0.45, null)));

        assertEquals("cpus=0.5 memory=64m pids-limit=64", made.configuration());
        assertNull(made.limits().cpuset(), "limits to give a container, not the slot it was measured in");
        assertEquals(3, made.evidence().size());
        assertTrue(made.evidence().get(2).contains("victimShare 45.0 % < 70.0 %"), made.evidence().toString());
    }

    @Test
    void aConfigurationTheHostGuardCutShortKeepsNothing() {
        IsolationRecommendation made = IsolationRecommender.recommend(run(0.7, configuration(1, 1.0, 0.95, "host free memory fell")));

        assertNull(made.configuration());
        assertTrue(made.reason().contains("no configuration"), made.reason());
        assertTrue(made.evidence().get(0).contains("host guard"), made.evidence().toString());
    }
}
