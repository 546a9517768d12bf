package dev.limitlab.regression;

import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.Spread;
import dev.limitlab.regression.MetricCheck.Verdict;
import dev.limitlab.scenario.RegressionRule;
import dev.limitlab.scenario.RegressionRules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A run checked against a baseline: one {@link MetricCheck} per configuration and checked metric.
 *
 * <p>Configurations are matched within each experiment by their limits. When the scenario changed limits, the
 * unmatched configurations of an experiment are compared in order as long as both sides have as many of them
 * (an experiment's {@code cpus: 1.0} lowered to {@code 0.5} is compared with the baseline's {@code cpus=1});
 * otherwise a baseline configuration this run lacks fails as MISSING, and one the baseline lacks is NEW.
 *
 * @param baselineSource where the baseline was read from, as the user named it
 */
public record Comparison(RunRecord run, Baseline baseline, String baselineSource, List<MetricCheck> checks) {
    public Comparison {
        checks = List.copyOf(checks);
    }

    public static Comparison of(RegressionRules rules, Baseline baseline, String baselineSource, RunRecord run) {
        List<ConfigurationFigures> current = ConfigurationFigures.of(run);
        Set<String> experiments = new LinkedHashSet<>();
        current.forEach(figures -> experiments.add(figures.experiment()));
        baseline.configurations().forEach(figures -> experiments.add(figures.experiment()));
        List<MetricCheck> checks = new ArrayList<>();
        for (String experiment : experiments) {
            List<ConfigurationFigures> before = inExperiment(baseline.configurations(), experiment);
            List<ConfigurationFigures> now = inExperiment(current, experiment);
            List<ConfigurationFigures> unmatchedBefore = before.stream().filter(b -> find(now, b.configuration()).isEmpty()).toList();
            List<ConfigurationFigures> unmatchedNow = now.stream().filter(n -> find(before, n.configuration()).isEmpty()).toList();
            boolean pairInOrder = unmatchedBefore.size() == unmatchedNow.size();
            for (ConfigurationFigures figures : now) {
                ConfigurationFigures base = find(before, figures.configuration())
                        .orElseGet(() -> pairInOrder ? unmatchedBefore.get(unmatchedNow.indexOf(figures)) : null);
                checks.addAll(compare(rules, base, figures));
            }
            if (!pairInOrder) {
                unmatchedBefore.forEach(base -> checks.addAll(missing(rules, base)));
            }
        }
        return new Comparison(run, baseline, baselineSource, checks);
    }

    public long count(Verdict verdict) {
        return checks.stream().filter(check -> check.verdict() == verdict).count();
    }

    /** True when a check failed or a baseline figure went missing: exit code 4. */
    public boolean regressed() {
        return checks.stream().anyMatch(check -> check.verdict().isRegression());
    }

    /** True when, with no regression, a figure was not measured because the host was busy: exit code 6. */
    public boolean inconclusive() {
        return !regressed() && count(Verdict.INCONCLUSIVE) > 0;
    }

    /**
     * {@code pass}, {@code regression}, {@code inconclusive: the host was busy}, or {@code tool failure} when a check
     * could not be made.
     */
    public String verdict() {
        if (count(Verdict.ERROR) > 0) {
            return "tool failure";
        }
        return regressed() ? "regression" : inconclusive() ? INCONCLUSIVE : "pass";
    }

    /** The verdict, and exit code 6's meaning, when the host was too busy to measure a checked figure. */
    public static final String INCONCLUSIVE = "inconclusive: the host was busy";

    /** {@code 1 of 14 checks failed (13 passed, 0 missing, 0 errors, 0 new)}; inconclusive ones counted when any. */
    public String tally() {
        long failed = count(Verdict.FAIL) + count(Verdict.MISSING);
        return failed + " of " + checks.size() + " checks failed (" + count(Verdict.PASS) + " passed, "
                + count(Verdict.MISSING) + " missing, " + count(Verdict.ERROR) + " errors, "
                + (count(Verdict.INCONCLUSIVE) > 0 ? count(Verdict.INCONCLUSIVE) + " inconclusive, " : "")
                + count(Verdict.NEW) + " new)";
    }

    public List<MetricCheck> select(Predicate<MetricCheck> which) {
        return checks.stream().filter(which).toList();
    }

    /** The experiments in the order their checks come. */
    public List<String> experiments() {
        return checks.stream().map(MetricCheck::experiment).distinct().toList();
    }

    private static List<ConfigurationFigures> inExperiment(List<ConfigurationFigures> figures, String experiment) {
        return figures.stream().filter(f -> f.experiment().equals(experiment)).toList();
    }

    private static Optional<ConfigurationFigures> find(List<ConfigurationFigures> figures, String configuration) {
        return figures.stream().filter(f -> f.configuration().equals(configuration)).findFirst();
    }

    private static List<MetricCheck> compare(RegressionRules rules, ConfigurationFigures base, ConfigurationFigures now) {
        String renamed = base == null || base.configuration().equals(now.configuration()) ? null : base.configuration();
        List<MetricCheck> checks = new ArrayList<>();
        for (RegressionRule rule : rules.checked()) {
            Spread before = base == null ? null : base.metric(rule.metric()).orElse(null);
            Spread after = now.metric(rule.metric()).orElse(null);
            String configuration = now.configuration();
            if (before == null && after == null) {
                continue; // not a figure of this workload, e.g. throughput of a memory workload
            }
            if (before == null) {
                checks.add(new MetricCheck(now.experiment(), configuration, renamed, rule, null, after, null, Verdict.NEW,
                        "is not in the baseline"));
            } else if (after == null && now.inconclusiveRepeats() > 0 && now.failedRepeats() == 0) {
                checks.add(new MetricCheck(now.experiment(), configuration, renamed, rule, before, null, null, Verdict.INCONCLUSIVE,
                        "is inconclusive: the host was busy (" + now.inconclusiveRepeats() + " of " + now.repeats()
                                + " repeat(s) still disturbed after their reruns)"));
            } else if (after == null && now.failedRepeats() > 0) {
                checks.add(new MetricCheck(now.experiment(), configuration, renamed, rule, before, null, null, Verdict.ERROR,
                        "was not measured: " + now.failedRepeats() + " of " + now.repeats() + " repeat(s) failed to run"));
            } else if (after == null) {
                checks.add(new MetricCheck(now.experiment(), configuration, renamed, rule, before, null, null, Verdict.MISSING,
                        "was not measured in this run"));
            } else {
                double allowance = rule.allowance(before.mean(), before.cv(), after.cv());
                Verdict verdict = rule.fails(before.mean(), after.mean(), allowance) ? Verdict.FAIL : Verdict.PASS;
                checks.add(new MetricCheck(now.experiment(), configuration, renamed, rule, before, after, allowance, verdict, null));
            }
        }
        return checks;
    }

    private static List<MetricCheck> missing(RegressionRules rules, ConfigurationFigures base) {
        List<MetricCheck> checks = new ArrayList<>();
        for (RegressionRule rule : rules.checked()) {
            base.metric(rule.metric()).ifPresent(before -> checks.add(new MetricCheck(base.experiment(), base.configuration(),
                    null, rule, before, null, null, Verdict.MISSING, "was not measured: " + base.configuration() + " is not in this run")));
        }
        return checks;
    }
}
