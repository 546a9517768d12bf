package dev.limitlab.regression;

import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.regression.MetricCheck.Verdict;
import dev.limitlab.scenario.RegressionRule;
import dev.limitlab.scenario.RegressionRules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.limitlab.regression.Runs.MIB;
import static dev.limitlab.regression.Runs.cpus;
import static dev.limitlab.regression.Runs.memory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    private static final TrialLimits CRASH = new TrialLimits(null, null, null, 1024L, "on-failure:3", null);

    /** Two quiet repeats of each configuration: throughput 100,000 ops/s (cv 0.014), 17 MiB, 189 MiB, 3 restarts. */
    private static Baseline baseline() throws BaselineException {
        return Baseline.of(Runs.run("base")
                .cpu(cpus(1.0), 99_000, 0.99, 1.0, 17 * MIB).cpu(cpus(1.0), 101_000, 0.99, 1.0, 17 * MIB)
                .memory(memory(256 * MIB), 189 * MIB, 0).memory(memory(256 * MIB), 189 * MIB, 0)
                .crash(CRASH, 3).crash(CRASH, 3)
                .build());
    }

    private static Comparison compare(RegressionRules rules, RunRecord run) throws BaselineException {
        return Comparison.of(rules, baseline(), "nightly.baseline.json", run);
    }

    private static Comparison compare(RunRecord run) throws BaselineException {
        return compare(RegressionRules.DEFAULTS, run);
    }

    private static MetricCheck check(Comparison comparison, String experiment, String metric) {
        return comparison.checks().stream().filter(c -> c.experiment().equals(experiment) && c.metric().regressionKey().equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError("no check of " + experiment + " " + metric + " in " + comparison.checks()));
    }

    private static Runs memoryAndCrashAsBefore(Runs run) {
        return run.memory(memory(256 * MIB), 189 * MIB, 0).memory(memory(256 * MIB), 189 * MIB, 0).crash(CRASH, 3).crash(CRASH, 3);
    }

    @Test
    void theSameFiguresPassEveryCheckThatApplies() throws Exception {
        Comparison comparison = compare(memoryAndCrashAsBefore(Runs.run("now")
                .cpu(cpus(1.0), 100_500, 0.99, 1.0, 17 * MIB).cpu(cpus(1.0), 99_500, 0.99, 1.0, 17 * MIB)).build());

        assertFalse(comparison.regressed());
        assertEquals("pass", comparison.verdict());
        assertEquals(List.of(
                        "cpu cpus=1 throughput", "cpu cpus=1 throttled-ratio", "cpu cpus=1 memory-peak", "cpu cpus=1 oom-kills", "cpu cpus=1 restarts",
                        "memory memory=256m memory-peak", "memory memory=256m oom-kills", "memory memory=256m restarts",
                        "crash-loop restart=on-failure:3 memory-peak", "crash-loop restart=on-failure:3 oom-kills", "crash-loop restart=on-failure:3 restarts"),
                comparison.checks().stream().map(c -> c.experiment() + " " + c.name()).toList());
        assertEquals(11, comparison.count(Verdict.PASS));
    }

    @Test
    void halvedCpusHalveThroughputWhichFailsWithItsNumbers() throws Exception {
        Comparison comparison = compare(memoryAndCrashAsBefore(Runs.run("now")
                .cpu(cpus(0.5), 50_000, 0.99, 0.5, 17 * MIB).cpu(cpus(0.5), 50_000, 0.99, 0.5, 17 * MIB)).build());

        MetricCheck throughput = check(comparison, "cpu", "throughput");
        assertEquals(Verdict.FAIL, throughput.verdict());
        assertEquals("cpus=0.5", throughput.configuration());
        assertEquals("cpus=1", throughput.baselineConfiguration());
        assertEquals(10_000, throughput.allowance(), 1e-6, "10% beats 3 x cv 0.014");
        assertEquals("throughput 5.00e+04 ops/s vs baseline 1.00e+05 ops/s (baseline configuration cpus=1): -50.0%, allowed -10.0%"
                + " (rule \"-10% or 3cv\")", throughput.message());
        assertEquals(List.of(throughput), comparison.select(c -> c.verdict().isRegression()));
        assertEquals("regression", comparison.verdict());
        assertEquals("1 of 11 checks failed (10 passed, 0 missing, 0 errors, 0 new)", comparison.tally());
    }

    @Test
    void aRelativeDropPassesAtItsLimitAndFailsJustBeyond() throws Exception {
        RegressionRules rules = RegressionRules.overDefaults(List.of(RegressionRule.parse("throughput", "-10%")));
        Runs atLimit = Runs.run("now").cpu(cpus(1.0), 90_000, 0.99, 1.0, 17 * MIB).cpu(cpus(1.0), 90_000, 0.99, 1.0, 17 * MIB);
        Runs beyond = Runs.run("now").cpu(cpus(1.0), 89_990, 0.99, 1.0, 17 * MIB).cpu(cpus(1.0), 89_990, 0.99, 1.0, 17 * MIB);
        assertEquals(Verdict.PASS, check(compare(rules, atLimit.build()), "cpu", "throughput").verdict());
        assertEquals(Verdict.FAIL, check(compare(rules, beyond.build()), "cpu", "throughput").verdict());
    }

    @Test
    void aNoisyRunWidensTheAllowanceButNeverPastTheCap() throws Exception {
        // One repeat of two lost 30% to a neighbour: mean 85,000 (-15%), cv 0.25, so 3cv would allow 75%; capped at 30%.
        MetricCheck disturbed = check(compare(Runs.run("now")
                .cpu(cpus(1.0), 100_000, 0.99, 1.0, 17 * MIB).cpu(cpus(1.0), 70_000, 0.99, 0.7, 17 * MIB).build()), "cpu", "throughput");
        assertEquals(Verdict.PASS, disturbed.verdict());
        assertEquals(30_000, disturbed.allowance(), 1e-6);
        assertEquals("-15.0%", disturbed.changeText());
        assertEquals("-30.0%", disturbed.allowanceText());

        MetricCheck halvedAndNoisy = check(compare(Runs.run("now")
                .cpu(cpus(0.5), 60_000, 0.99, 0.5, 17 * MIB).cpu(cpus(0.5), 40_000, 0.99, 0.5, 17 * MIB).build()), "cpu", "throughput");
        assertEquals(Verdict.FAIL, halvedAndNoisy.verdict());
    }

    @Test
    void pointsOnTheThrottledRatio() throws Exception {
        Runs within = Runs.run("now").cpu(cpus(1.0), 100_000, 0.30, 1.0, 17 * MIB).cpu(cpus(1.0), 100_000, 0.30, 1.0, 17 * MIB);
        Baseline base = Baseline.of(Runs.run("base").cpu(cpus(1.0), 100_000, 0.25, 1.0, 17 * MIB).cpu(cpus(1.0), 100_000, 0.25, 1.0, 17 * MIB).build());
        MetricCheck passes = check(Comparison.of(RegressionRules.DEFAULTS, base, "b.json", within.build()), "cpu", "throttled-ratio");
        assertEquals(Verdict.PASS, passes.verdict());
        assertEquals("+5.0pt", passes.changeText());
        assertEquals("+5.0pt", passes.allowanceText());
        Runs beyond = Runs.run("now").cpu(cpus(1.0), 100_000, 0.31, 1.0, 17 * MIB).cpu(cpus(1.0), 100_000, 0.31, 1.0, 17 * MIB);
        MetricCheck fails = check(Comparison.of(RegressionRules.DEFAULTS, base, "b.json", beyond.build()), "cpu", "throttled-ratio");
        assertEquals(Verdict.FAIL, fails.verdict());
        assertEquals("throttled-ratio 31.0% vs baseline 25.0%: +6.0pt, allowed +5.0pt (rule \"+5pt or 3cv\")", fails.message());
    }

    @Test
    void peakMemoryMayRiseTenPercentOrSixteenMebibytes() throws Exception {
        Runs small = Runs.run("now").cpu(cpus(1.0), 100_000, 0.99, 1.0, 33 * MIB).cpu(cpus(1.0), 100_000, 0.99, 1.0, 33 * MIB);
        assertEquals(Verdict.PASS, check(compare(small.build()), "cpu", "memory-peak").verdict());
        Runs larger = Runs.run("now").cpu(cpus(1.0), 100_000, 0.99, 1.0, 33 * MIB + 1).cpu(cpus(1.0), 100_000, 0.99, 1.0, 33 * MIB + 1);
        MetricCheck fails = check(compare(larger.build()), "cpu", "memory-peak");
        assertEquals(Verdict.FAIL, fails.verdict());
        assertEquals("memory-peak 33.0 MiB vs baseline 17.0 MiB: +94.1%, allowed +94.1% (rule \"+10% or +16m\")", fails.message());
    }

    @Test
    void aNewOomKillFailsEvenInOneRepeatOfTwo() throws Exception {
        Comparison comparison = compare(Runs.run("now").memory(memory(128 * MIB), 127 * MIB, 1).memory(memory(128 * MIB), 120 * MIB, 0).build());
        MetricCheck oom = check(comparison, "memory", "oom-kills");
        assertEquals(Verdict.FAIL, oom.verdict());
        assertEquals("oom-kills 0.5 vs baseline 0 (baseline configuration memory=256m): +0.5, allowed +0 (rule \"no-increase\")", oom.message());
        assertEquals(Verdict.PASS, check(comparison, "memory", "memory-peak").verdict(), "less memory is no regression");
    }

    @Test
    void restartsMustStayExactlyTheSame() throws Exception {
        MetricCheck fewer = check(compare(Runs.run("now").crash(CRASH, 2).crash(CRASH, 2).build()), "crash-loop", "restarts");
        assertEquals(Verdict.FAIL, fewer.verdict());
        assertEquals("restarts 2 vs baseline 3: -1, allowed ±0 (rule \"exact\")", fewer.message());
        assertEquals(Verdict.FAIL, check(compare(Runs.run("now").crash(CRASH, 4).crash(CRASH, 3).build()), "crash-loop", "restarts").verdict());
        assertEquals(Verdict.PASS, check(compare(Runs.run("now").crash(CRASH, 3).crash(CRASH, 3).build()), "crash-loop", "restarts").verdict());
    }

    @Test
    void spreadRuleOnCpuUsedAndAnUnsignedRuleFailingBothWays() throws Exception {
        Baseline base = Baseline.of(Runs.run("base").cpu(cpus(2.0), 1, 0, 0.98, MIB).cpu(cpus(2.0), 1, 0, 1.02, MIB).build());
        RegressionRules spread = RegressionRules.overDefaults(List.of(RegressionRule.parse("cpu-used", "+3cv")));
        // cv = 0.028284 (sd 0.028284 of mean 1.0), so 3cv allows 0.084853 cores.
        Runs within = Runs.run("now").cpu(cpus(2.0), 1, 0, 1.08, MIB).cpu(cpus(2.0), 1, 0, 1.08, MIB);
        Runs beyond = Runs.run("now").cpu(cpus(2.0), 1, 0, 1.09, MIB).cpu(cpus(2.0), 1, 0, 1.09, MIB);
        MetricCheck passes = check(Comparison.of(spread, base, "b.json", within.build()), "cpu", "cpu-used");
        assertEquals(Verdict.PASS, passes.verdict());
        assertEquals(0.084853, passes.allowance(), 1e-6);
        assertEquals(Verdict.FAIL, check(Comparison.of(spread, base, "b.json", beyond.build()), "cpu", "cpu-used").verdict());

        RegressionRules either = RegressionRules.overDefaults(List.of(RegressionRule.parse("cpu-used", "10%")));
        Runs lower = Runs.run("now").cpu(cpus(2.0), 1, 0, 0.89, MIB).cpu(cpus(2.0), 1, 0, 0.89, MIB);
        assertEquals(Verdict.PASS, check(Comparison.of(either, base, "b.json", within.build()), "cpu", "cpu-used").verdict());
        assertEquals(Verdict.FAIL, check(Comparison.of(either, base, "b.json", lower.build()), "cpu", "cpu-used").verdict());
    }

    @Test
    void aBaselineConfigurationThisRunLacksFailsAndANewOneIsSkipped() throws Exception {
        Baseline two = Baseline.of(Runs.run("base").cpu(cpus(0.5), 50_000, 1, 0.5, 17 * MIB).cpu(cpus(1.0), 100_000, 1, 1, 17 * MIB).build());
        Comparison lacking = Comparison.of(RegressionRules.DEFAULTS, two, "b.json", Runs.run("now").cpu(cpus(0.5), 50_000, 1, 0.5, 17 * MIB).build());
        assertTrue(lacking.regressed());
        assertEquals(5, lacking.count(Verdict.MISSING));
        MetricCheck missing = lacking.select(c -> c.verdict() == Verdict.MISSING).get(0);
        assertEquals("cpus=1", missing.configuration());
        assertEquals("throughput was not measured: cpus=1 is not in this run (baseline 1.00e+05 ops/s)", missing.message());

        Comparison extra = Comparison.of(RegressionRules.DEFAULTS, two, "b.json", Runs.run("now").cpu(cpus(0.5), 50_000, 1, 0.5, 17 * MIB)
                .cpu(cpus(1.0), 100_000, 1, 1, 17 * MIB).cpu(cpus(2.0), 100_000, 0, 1, 17 * MIB).build());
        assertFalse(extra.regressed());
        assertEquals(5, extra.count(Verdict.NEW));
        assertEquals("throughput is not in the baseline (this run 1.00e+05 ops/s)",
                extra.select(c -> c.verdict() == Verdict.NEW).get(0).message());
    }

    @Test
    void aMetricThisRunDidNotMeasureIsMissingAndOneItCouldNotRunIsAnError() throws Exception {
        Baseline base = Baseline.of(Runs.run("base").cpu(cpus(1.0), 100_000, 1, 1, 17 * MIB).build());
        RunRecord noThroughput = Runs.run("now").memory(cpus(1.0), 17 * MIB, 0).build(); // same limits, no throughput figure
        Comparison comparison = Comparison.of(RegressionRules.DEFAULTS, base, "b.json",
                new RunRecord(noThroughput.schemaVersion(), "now", "nightly", "x", "t", noThroughput.engine(), noThroughput.startedAt(),
                        noThroughput.endedAt(), RunStatus.COMPLETE, List.of(), noThroughput.configurations().stream()
                        .map(s -> new dev.limitlab.metrics.ConfigurationSummary("cpu", "cpu", s.limits(), 1, 0, s.metrics())).toList(), null, null));
        assertEquals(Verdict.MISSING, check(comparison, "cpu", "throughput").verdict());
        assertEquals(Verdict.MISSING, check(comparison, "cpu", "throttled-ratio").verdict());

        Comparison failed = Comparison.of(RegressionRules.DEFAULTS, base, "b.json", Runs.run("now").failed("cpu", "cpu", cpus(1.0)).build());
        assertEquals(5, failed.count(Verdict.ERROR));
        assertEquals("tool failure", failed.verdict());
        assertEquals("throughput was not measured: 1 of 1 repeat(s) failed to run (baseline 1.00e+05 ops/s)", check(failed, "cpu", "throughput").message());
    }

    @Test
    void offStopsCheckingAMetric() throws Exception {
        RegressionRules rules = RegressionRules.overDefaults(List.of(RegressionRule.parse("throughput", "off")));
        Comparison comparison = compare(rules, Runs.run("now").cpu(cpus(0.5), 1, 0.99, 0.5, 17 * MIB).build());
        assertTrue(comparison.checks().stream().noneMatch(c -> c.metric().regressionKey().equals("throughput")));
        assertNull(comparison.checks().stream().filter(c -> c.verdict() == Verdict.FAIL).findFirst().orElse(null));
    }
}
