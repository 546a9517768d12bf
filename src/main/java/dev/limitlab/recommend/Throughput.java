package dev.limitlab.recommend;

import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;

import java.util.List;

/**
 * Throughput as the recommendation (and the reports) compare it, higher is better: the agent's ops/s, or a benchmark's score;
 * a time-per-op score (unit ending in {@code /op}) is turned into its reciprocal.
 */
public final class Throughput {
    private Throughput() {
    }

    static boolean lowerIsBetter(String scoreUnit) {
        return scoreUnit != null && scoreUnit.endsWith("/op");
    }

    /** Whether an experiment's benchmark reported a time-per-op score, so its throughput is the reciprocal. */
    public static boolean lowerIsBetter(List<TrialResult> trials, String experiment) {
        return trials.stream()
                .filter(t -> t.experiment().equals(experiment) && t.metrics() != null && t.metrics().workload() != null)
                .anyMatch(t -> lowerIsBetter(t.metrics().workload().scoreUnit()));
    }

    public static Double ofTrial(TrialMetrics m) {
        if (m.throughputOpsPerSec() != null) {
            return m.throughputOpsPerSec();
        }
        if (m.workload() == null || m.workload().score() == null) {
            return null;
        }
        return orient(m.workload().score(), lowerIsBetter(m.workload().scoreUnit()));
    }

    /** The mean across repeats of a configuration. */
    public static Double ofConfiguration(ConfigurationSummary configuration, boolean lowerIsBetter) {
        Double mean = configuration.mean(metricOf(configuration));
        return mean == null || metricOf(configuration) == Metric.THROUGHPUT ? mean : orient(mean, lowerIsBetter);
    }

    /** The metric a configuration's throughput is taken from: the agent's ops/s when it measured them, else the score. */
    static Metric metricOf(ConfigurationSummary configuration) {
        return configuration.spread(Metric.THROUGHPUT) != null ? Metric.THROUGHPUT : Metric.SCORE;
    }

    private static Double orient(double score, boolean lowerIsBetter) {
        if (!lowerIsBetter) {
            return score;
        }
        return score > 0 ? 1 / score : null;
    }
}
