package dev.limitlab.regression;

import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.Spread;
import dev.limitlab.scenario.RegressionRule;

import java.util.Objects;

/**
 * One metric of one configuration checked against the baseline: a test case in junit.xml, a row in the
 * summary and in history.csv.
 *
 * @param configuration         this run's configuration (the baseline's when this run lacks it)
 * @param baselineConfiguration the baseline configuration it was compared with, when its limits differ (the
 *                              scenario changed them); null when they are the same or there is none
 * @param baseline              the baseline's figures, null when the baseline lacks the metric
 * @param current               this run's figures, null when not measured
 * @param allowance             how far the mean may move the failing way, in the metric's unit (PASS and FAIL only)
 * @param note                  why a check could not compare values (MISSING, ERROR, NEW), null otherwise
 */
public record MetricCheck(String experiment, String configuration, String baselineConfiguration, RegressionRule rule,
                          Spread baseline, Spread current, Double allowance, Verdict verdict, String note) {

    /**
     * The outcome of one check; FAIL and MISSING are regressions, ERROR a failure of the tool, INCONCLUSIVE a figure
     * the host was too busy to measure (neither a pass nor a regression), NEW is skipped.
     */
    public enum Verdict {
        PASS, FAIL, MISSING, ERROR, INCONCLUSIVE, NEW;

        /** As history.csv and the summary write it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean isRegression() {
            return this == FAIL || this == MISSING;
        }

        /** A regression, or a check the tool could not make: what a reader should look at first. */
        public boolean needsALook() {
            return isRegression() || this == ERROR || this == INCONCLUSIVE;
        }
    }

    public MetricCheck {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(verdict, "verdict");
    }

    public Metric metric() {
        return rule.metric();
    }

    /** The test case's name: {@code cpus=0.5 throughput}. */
    public String name() {
        return configuration + " " + metric().regressionKey();
    }

    /**
     * One line with the numbers: {@code throughput 6.13e+04 ops/s vs baseline 1.26e+05 ops/s: -51.3%, allowed
     * -10.0% (rule "-10% or 3cv")}.
     */
    public String message() {
        String key = metric().regressionKey();
        String was = baselineConfiguration == null ? "" : " (baseline configuration " + baselineConfiguration + ")";
        if (note != null) {
            String figures = current != null ? " (this run " + currentText() + ")"
                    : baseline != null ? " (baseline " + baselineText() + ")" : "";
            return key + " " + note + figures + was;
        }
        return key + " " + currentText() + " vs baseline " + baselineText() + was + ": " + changeText()
                + ", allowed " + allowanceText() + " (rule \"" + rule.text() + "\")";
    }

    public String baselineText() {
        return baseline == null ? "-" : MetricFormat.value(metric(), baseline.mean());
    }

    public String currentText() {
        return current == null ? "-" : MetricFormat.value(metric(), current.mean());
    }

    public String changeText() {
        return baseline == null || current == null ? "-" : MetricFormat.change(metric(), baseline.mean(), current.mean());
    }

    public String allowanceText() {
        return allowance == null ? "-" : MetricFormat.allowance(rule, baseline.mean(), allowance);
    }

    /** The spreads behind the means, for a failure's details. */
    public String spreadText() {
        return "baseline " + spread(baseline) + "\nthis run " + spread(current);
    }

    private String spread(Spread spread) {
        if (spread == null) {
            return "-";
        }
        return "mean " + MetricFormat.value(metric(), spread.mean()) + ", min " + MetricFormat.value(metric(), spread.min())
                + ", max " + MetricFormat.value(metric(), spread.max())
                + ", cv " + (spread.cv() == null ? "-" : MetricFormat.plain(spread.cv())) + ", n " + spread.n();
    }
}
