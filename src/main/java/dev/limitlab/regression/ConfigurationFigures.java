package dev.limitlab.regression;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.Spread;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One configuration of one experiment across its repeats, as a check sees it: the spread of each metric a
 * rule can check, by the metric's key ({@code throughput}, {@code oom-kills}). Unmeasured metrics are absent.
 *
 * @param configuration the limits as {@link dev.limitlab.metrics.TrialLimits#label()} names them
 * @param failedRepeats repeats the engine could not run (never in a saved baseline)
 * @param inconclusiveRepeats repeats the host kept too busy to measure, even after their reruns
 */
public record ConfigurationFigures(String experiment, String workload, String configuration, int repeats,
                                   @JsonInclude(JsonInclude.Include.NON_DEFAULT) int failedRepeats,
                                   @JsonInclude(JsonInclude.Include.NON_DEFAULT) int inconclusiveRepeats,
                                   Map<String, Spread> metrics) {
    /** A configuration whose every repeat the host let measure. */
    public ConfigurationFigures(String experiment, String workload, String configuration, int repeats, int failedRepeats,
                                Map<String, Spread> metrics) {
        this(experiment, workload, configuration, repeats, failedRepeats, 0, metrics);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public ConfigurationFigures {
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics == null ? Map.of() : metrics));
    }

    public static ConfigurationFigures of(ConfigurationSummary summary) {
        Map<String, Spread> metrics = new TreeMap<>();
        for (Metric metric : Metric.CHECKABLE) {
            Spread spread = summary.spread(metric);
            if (spread != null) {
                metrics.put(metric.regressionKey(), spread);
            }
        }
        return new ConfigurationFigures(summary.experiment(), summary.workload(), summary.limits().label(),
                summary.repeats(), summary.failedRepeats(), summary.inconclusiveRepeats(), metrics);
    }

    /** Every configuration of a run, in run order. */
    public static List<ConfigurationFigures> of(RunRecord run) {
        return run.configurations().stream().map(ConfigurationFigures::of).toList();
    }

    public Optional<Spread> metric(Metric metric) {
        return Optional.ofNullable(metrics.get(metric.regressionKey()));
    }
}
