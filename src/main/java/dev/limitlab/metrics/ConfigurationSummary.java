package dev.limitlab.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration of one experiment across its repeats. {@code metrics} maps a metric name (as in
 * {@link TrialMetrics}, e.g. {@code cpuUsedCores}) to its spread; unmeasured metrics are absent.
 */
public record ConfigurationSummary(String experiment, String workload, TrialLimits limits, int repeats,
                                   int failedRepeats, Map<String, Spread> metrics) {
    public ConfigurationSummary {
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics)); // stable order in files
    }
}
