package dev.limitlab.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration of one experiment across its repeats. {@code metrics} maps a metric's name in run.json
 * ({@link Metric#jsonName()}, e.g. {@code cpuUsedCores}) to its spread; unmeasured metrics are absent.
 *
 * @param failedRepeats       repeats that the tool or the engine could not run
 * @param inconclusiveRepeats repeats the host kept too busy to measure, even after their reruns
 */
public record ConfigurationSummary(String experiment, String workload, TrialLimits limits, int repeats,
                                   int failedRepeats,
                                   @JsonInclude(JsonInclude.Include.NON_DEFAULT) int inconclusiveRepeats,
                                   Map<String, Spread> metrics) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public ConfigurationSummary {
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics)); // stable order in files
    }

    /** A configuration whose every repeat the host let measure. */
    public ConfigurationSummary(String experiment, String workload, TrialLimits limits, int repeats, int failedRepeats,
                                Map<String, Spread> metrics) {
        this(experiment, workload, limits, repeats, failedRepeats, 0, metrics);
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
