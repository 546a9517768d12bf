package dev.limitlab.regression;

import dev.limitlab.metrics.HostBusyness;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.regression.MetricCheck.Verdict;
import dev.limitlab.scenario.RegressionRules;
import org.junit.jupiter.api.Test;

import static dev.limitlab.regression.Runs.MIB;
import static dev.limitlab.regression.Runs.cpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InconclusiveCheckTest {
    private static Comparison compare(RunRecord run) throws BaselineException {
        Baseline baseline = Baseline.of(Runs.run("base").cpu(cpus(1.0), 100_000, 0.0, 0.99, 17 * MIB)
                .cpu(cpus(0.5), 50_000, 1.0, 0.5, 17 * MIB).build());
        return Comparison.of(RegressionRules.DEFAULTS, baseline, "busy.baseline.json", run);
    }

    @Test
    void aConfigurationTheHostStarvedIsInconclusiveNotARegression() throws BaselineException {
        Comparison comparison = compare(Runs.run("now").inconclusiveCpu(cpus(1.0), 27_000)
                .cpu(cpus(0.5), 50_000, 1.0, 0.5, 17 * MIB).build());
        assertFalse(comparison.regressed());
        assertTrue(comparison.inconclusive());
        assertEquals(Comparison.INCONCLUSIVE, comparison.verdict());
        assertTrue(comparison.select(c -> c.configuration().equals("cpus=1")).stream()
                .allMatch(c -> c.verdict() == Verdict.INCONCLUSIVE));
        String junit = JUnitXmlWriter.render(comparison);
        assertFalse(junit.contains("<failure"), junit);
        assertTrue(junit.contains("<error message=\"throughput is inconclusive: the host was busy"), junit);
        assertTrue(junit.contains("type=\"inconclusive\""), junit);
        String summary = SummaryMarkdownWriter.render(comparison);
        assertTrue(summary.contains(HostBusyness.of(comparison.run()).orElseThrow()), summary);
        assertTrue(summary.contains("up to 87.0 %"), summary);
    }

    @Test
    void aRealRegressionElsewhereStillRegresses() throws BaselineException {
        Comparison comparison = compare(Runs.run("now").inconclusiveCpu(cpus(1.0), 27_000)
                .cpu(cpus(0.5), 25_000, 1.0, 0.25, 17 * MIB).build());
        assertTrue(comparison.regressed());
        assertFalse(comparison.inconclusive());
        assertEquals("regression", comparison.verdict());
    }

    @Test
    void aBaselineIsNeverSavedFromAnInconclusiveRun() {
        BaselineException refused = assertThrows(BaselineException.class,
                () -> Baseline.of(Runs.run("busy").inconclusiveCpu(cpus(1.0), 27_000).build()));
        assertTrue(refused.getMessage().contains("inconclusive: the host was busy"), refused.getMessage());
    }
}
