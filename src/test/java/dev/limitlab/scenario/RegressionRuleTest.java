package dev.limitlab.scenario;

import dev.limitlab.scenario.RegressionRule.Direction;
import dev.limitlab.scenario.RegressionRule.Term;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionRuleTest {
    private static final double MIB = 1 << 20;

    private static String rejection(String key, String text) {
        return assertThrows(IllegalArgumentException.class, () -> RegressionRule.parse(key, text)).getMessage();
    }

    @Test
    void readsEachKindOfTerm() {
        assertEquals(List.of(new Term(Term.Kind.PERCENT, 0.10)), RegressionRule.parse("throughput", "-10%").terms());
        assertEquals(List.of(new Term(Term.Kind.POINTS, 0.05)), RegressionRule.parse("throttled-ratio", "+5pt").terms());
        assertEquals(List.of(new Term(Term.Kind.ABSOLUTE, 16 * MIB)), RegressionRule.parse("memory-peak", "+16m").terms());
        assertEquals(List.of(new Term(Term.Kind.ABSOLUTE, 2)), RegressionRule.parse("pids-peak", "+2").terms());
        assertEquals(List.of(new Term(Term.Kind.SPREAD, 3)), RegressionRule.parse("cpu-used", "+3cv").terms());
        assertEquals(List.of(new Term(Term.Kind.PERCENT, 0.10), new Term(Term.Kind.SPREAD, 3)),
                RegressionRule.parse("throughput", " -10%  OR 3cv ").terms());
    }

    @Test
    void theSignSaysWhichChangeFails() {
        assertEquals(Direction.DROP, RegressionRule.parse("throughput", "-10% or 3cv").direction());
        assertEquals(Direction.RISE, RegressionRule.parse("memory-peak", "+10%").direction());
        assertEquals(Direction.EITHER, RegressionRule.parse("cpu-used", "10%").direction());
        assertEquals(Direction.RISE, RegressionRule.parse("oom-kills", "no-increase").direction());
        assertEquals(Direction.DROP, RegressionRule.parse("score", "no-decrease").direction());
        assertEquals(Direction.EITHER, RegressionRule.parse("restarts", "exact").direction());
        assertTrue(RegressionRule.parse("restarts", "off").isOff());
        assertFalse(RegressionRule.parse("restarts", "exact").isOff());
    }

    @Test
    void relativeAllowsAShareOfTheBaselineMean() {
        RegressionRule rule = RegressionRule.parse("throughput", "-10%");
        double allowance = rule.allowance(100_000, null, null);
        assertEquals(10_000, allowance, 1e-6);
        assertFalse(rule.fails(100_000, 90_000, allowance), "exactly -10% passes");
        assertTrue(rule.fails(100_000, 89_999, allowance));
        assertFalse(rule.fails(100_000, 250_000, allowance), "a rise never fails a - rule");
    }

    @Test
    void pointsAreHundredthsOfARatio() {
        RegressionRule rule = RegressionRule.parse("throttled-ratio", "+5pt");
        double allowance = rule.allowance(0.50, null, null);
        assertEquals(0.05, allowance, 1e-12);
        assertFalse(rule.fails(0.50, 0.55, allowance));
        assertTrue(rule.fails(0.50, 0.5501, allowance));
        assertFalse(rule.fails(0.50, 0.0, allowance));
    }

    @Test
    void noIncreaseAndExactAllowNothing() {
        RegressionRule noIncrease = RegressionRule.parse("oom-kills", "no-increase");
        assertEquals(0, noIncrease.allowance(0, null, null));
        assertFalse(noIncrease.fails(0, 0, 0));
        assertTrue(noIncrease.fails(0, 0.5, 0), "one OOM kill in one of two repeats");
        assertFalse(noIncrease.fails(1, 0, 0));
        RegressionRule exact = RegressionRule.parse("restarts", "exact");
        assertFalse(exact.fails(3, 3.0000000000000004, 0), "a mean of whole counts is not a rounding error away from failing");
        assertTrue(exact.fails(3, 2, 0));
        assertTrue(exact.fails(3, 4, 0));
    }

    @Test
    void spreadAllowsCvTimesMeanTakingTheNoisierSide() {
        RegressionRule rule = RegressionRule.parse("cpu-used", "+3cv");
        assertEquals(0.06, rule.allowance(1.0, 0.02, null), 1e-12);
        assertEquals(0.09, rule.allowance(1.0, 0.02, 0.03), 1e-12, "this run's spread counts too");
        assertEquals(0, rule.allowance(1.0, null, null), "one repeat has no spread");
    }

    @Test
    void theLargestAllowanceWinsAndSpreadIsCappedSoAHalvingAlwaysFails() {
        RegressionRule rule = RegressionRule.parse("throughput", "-10% or 3cv");
        assertEquals(10_000, rule.allowance(100_000, 0.01, null), 1e-6, "quiet: the 10% term");
        assertEquals(15_000, rule.allowance(100_000, 0.05, null), 1e-6, "noisy: 3 x 5%");
        assertEquals(30_000, rule.allowance(100_000, 0.50, 0.40), 1e-6, "very noisy: capped at 30%");
        assertTrue(rule.fails(100_000, 50_000, rule.allowance(100_000, 0.50, 0.40)));
        RegressionRule capped = RegressionRule.parse("throughput", "-10% or 3cv up to 40%");
        assertEquals(40_000, capped.allowance(100_000, 0.50, null), 1e-6);
        assertEquals(10_000, capped.allowance(100_000, 0.01, null), 1e-6, "the cap bounds the spread term only");
    }

    @Test
    void sizesAndCountsAreInTheMetricsUnit() {
        RegressionRule memory = RegressionRule.parse("memory-peak", "+10% or +16m");
        assertEquals(16 * MIB, memory.allowance(17 * MIB, null, null), 1e-6);
        assertEquals(20 * MIB, memory.allowance(200 * MIB, null, null), 1e-6);
        RegressionRule pids = RegressionRule.parse("pids-peak", "+5");
        assertFalse(pids.fails(20, 25, pids.allowance(20, null, null)));
        assertTrue(pids.fails(20, 26, pids.allowance(20, null, null)));
    }

    @Test
    void rejectionsSayWhatWasExpected() {
        assertEquals("\"-10x\" is not a tolerance (" + RegressionRule.EXPECTED + ")", rejection("throughput", "-10x"));
        assertEquals("is not a metric limitlab checks (did you mean \"throughput\"?)", rejection("througput", "-10%"));
        assertTrue(rejection("bogus-metric-name", "-10%").contains("expected one of: throughput, throttled-ratio"));
        assertEquals("\"+5pt\" uses points, which only ratios take (expected a percentage or a size, e.g. +10% or +16m for memory-peak)",
                rejection("memory-peak", "+5pt"));
        assertEquals("\"+0.05\" is a bare number, which a ratio does not take (expected points or a percentage, e.g. +5pt for throttled-ratio)",
                rejection("throttled-ratio", "+0.05"));
        assertEquals("\"+10% or -3cv\" mixes a rise (+) and a drop (-) (expected one direction, e.g. \"-10% or 3cv\")",
                rejection("throughput", "+10% or -3cv"));
        assertTrue(rejection("throughput", "-10% up to 20%").contains("no spread term for it to bound"));
        assertTrue(rejection("throughput", "+16m").contains("is not a tolerance"), "sizes are for bytes");
        assertTrue(rejection("restarts", "exact or 3cv").contains("is not a tolerance"));
        assertTrue(rejection("restarts", "").contains("is not a tolerance"));
    }

    @Test
    void defaultsCheckTheIssuesMetricsAndABlockOverridesThemOneByOne() {
        assertEquals(List.of("throughput", "throttled-ratio", "memory-peak", "oom-kills", "restarts", "score", "latency-p99", "error-rate"),
                RegressionRules.DEFAULTS.checked().stream().map(rule -> rule.metric().regressionKey()).toList());
        RegressionRules rules = RegressionRules.overDefaults(List.of(
                RegressionRule.parse("throughput", "-20%"), RegressionRule.parse("restarts", "off"), RegressionRule.parse("cpu-used", "+3cv")));
        assertEquals(List.of("throughput -20%", "throttled-ratio +5pt or 3cv", "memory-peak +10% or +16m", "oom-kills no-increase",
                        "cpu-used +3cv", "score -10% or 3cv", "latency-p99 +10% or 3cv", "error-rate +1pt"),
                rules.checked().stream().map(rule -> rule.metric().regressionKey() + " " + rule.text()).toList());
    }

    @Test
    void aServicesLatencyAndErrorsAreChecked() {
        RegressionRule p99 = RegressionRule.parse("latency-p99", "+10% or 3cv");
        assertEquals(Direction.RISE, p99.direction());
        assertEquals(List.of(new Term(Term.Kind.PERCENT, 0.10), new Term(Term.Kind.SPREAD, 3)), p99.terms());
        assertEquals(List.of(new Term(Term.Kind.ABSOLUTE, 5)), RegressionRule.parse("latency-p50", "+5").terms(), "milliseconds");
        assertEquals(List.of(new Term(Term.Kind.POINTS, 0.01)), RegressionRule.parse("error-rate", "+1pt").terms());
        assertEquals(RegressionRule.parse("latency-p99", "+10% or 3cv"),
                dev.limitlab.scenario.RegressionRules.DEFAULTS.rule(dev.limitlab.metrics.Metric.LATENCY_P99).orElseThrow());
    }
}
