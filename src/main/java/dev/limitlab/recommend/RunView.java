package dev.limitlab.recommend;

import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.Spread;
import dev.limitlab.metrics.TrialResult;

import java.util.List;
import java.util.Objects;

/** A run as the rules read it: its trials and its configurations, summarised here when run.json has none. */
record RunView(List<TrialResult> trials, List<ConfigurationSummary> configurations) {

    static RunView of(RunRecord run) {
        return new RunView(run.trials(), run.configurationsOrSummarised());
    }

    /** The trials of a configuration that ran and measured something, on whichever CPUs they were pinned to. */
    List<TrialResult> measured(ConfigurationSummary configuration) {
        return trials.stream()
                .filter(t -> t.experiment().equals(configuration.experiment())
                        && Objects.equals(t.limits().unpinned(), configuration.limits()))
                .filter(TrialResult::usable)
                .toList();
    }

    List<TrialResult> measuredTrials() {
        return trials.stream().filter(TrialResult::usable).toList();
    }

    /** {@code experiment cpus=0.5}: how evidence names a configuration. */
    static String name(ConfigurationSummary configuration) {
        return configuration.experiment() + " " + configuration.limits().label();
    }

    static String name(TrialResult trial) {
        return "trial " + trial.trial() + " (" + trial.experiment() + " " + trial.limits().label() + ")";
    }

    static String repeats(ConfigurationSummary configuration, Metric metric) {
        Spread spread = configuration.spread(metric);
        int n = spread == null ? 0 : spread.n();
        return n == 1 ? "1 repeat" : "mean of " + n + " repeats";
    }

    /** {@code value} rounded up to a multiple of {@code step}, free of binary fractions ({@code 0.75}, not {@code 0.7500000001}). */
    static double roundUp(double value, double step) {
        double steps = Math.ceil(value / step - 1e-9);
        return Math.round(steps * step * 1e6) / 1e6;
    }

    static long roundUp(long value, long step) {
        return Math.floorDiv(value + step - 1, step) * step;
    }
}
