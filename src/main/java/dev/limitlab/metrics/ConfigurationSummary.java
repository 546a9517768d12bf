package dev.limitlab.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration of one experiment across its repeats. {@code metrics} maps a metric's name in run.json
 * ({@link Metric#jsonName()}, e.g. {@code cpuUsedCores}) to its spread; unmeasured metrics are absent.
 */
public record ConfigurationSummary(String experiment, String workload, TrialLimits limits, int repeats,
                                   int failedRepeats, Map<String, Spread> metrics) {
    public ConfigurationSummary {
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics)); // stable order in files
    }

    /** The metric's spread across the repeats; null when none measured it. */
    public Spread spread(Metric metric) {
        return metrics.get(metric.jsonName());
    }

    /** The metric's mean across the repeats; null when none measured it. */
    public Double mean(Metric metric) {
        Spread spread = spread(metric);
        return spread == null ? null : spread.mean();
    }
}
