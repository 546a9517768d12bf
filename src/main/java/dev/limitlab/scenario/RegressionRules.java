package dev.limitlab.scenario;

import dev.limitlab.metrics.Metric;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tolerances a scenario's nightly check applies, one per metric: its {@code regression:} block laid over
 * {@link #DEFAULTS}, so that a block only names what it changes and {@code off} stops checking a metric.
 */
public record RegressionRules(List<RegressionRule> rules) {
    /**
     * Throughput may drop 10 % (more when repeats are noisy, at most 30 %), throttling rise 5 points (likewise),
     * peak memory rise 10 % or 16 MiB (a JVM's peak moves by a few MiB between runs as shared file pages are
     * charged to one container or another); OOM kills must not increase; restarts must stay exactly the same; a
     * service's p99 latency may rise 10 % (likewise), its error ratio 1 point.
     */
    public static final RegressionRules DEFAULTS = new RegressionRules(List.of(
            RegressionRule.parse(Metric.THROUGHPUT, "-10% or 3cv"),
            RegressionRule.parse(Metric.THROTTLED, "+5pt or 3cv"),
            RegressionRule.parse(Metric.MEMORY_PEAK, "+10% or +16m"),
            RegressionRule.parse(Metric.OOM_KILLS, "no-increase"),
            RegressionRule.parse(Metric.RESTARTS, "exact"),
            RegressionRule.parse(Metric.SCORE, "-10% or 3cv"),
            RegressionRule.parse(Metric.LATENCY_P99, "+10% or 3cv"),
            RegressionRule.parse(Metric.ERROR_RATE, "+1pt")));

    /** In the order checks are made ({@link Metric#CHECKABLE}), one per metric. */
    public RegressionRules {
        Map<Metric, RegressionRule> byMetric = new EnumMap<>(Metric.class);
        for (RegressionRule rule : rules) {
            if (byMetric.put(rule.metric(), rule) != null) throw new IllegalArgumentException("two rules for " + rule.metric().regressionKey());
        }
        rules = byMetric.values().stream().sorted(Comparator.comparingInt(rule -> Metric.CHECKABLE.indexOf(rule.metric()))).toList();
    }

    /** The defaults, each declared rule replacing the default for its metric; declared {@code off} rules stay, unchecked. */
    public static RegressionRules overDefaults(Collection<RegressionRule> declared) {
        Map<Metric, RegressionRule> byMetric = new EnumMap<>(Metric.class);
        DEFAULTS.rules.forEach(rule -> byMetric.put(rule.metric(), rule));
        declared.forEach(rule -> byMetric.put(rule.metric(), rule));
        return new RegressionRules(List.copyOf(byMetric.values()));
    }

    /** The rules that check something, in the order checks are made. */
    public List<RegressionRule> checked() {
        return rules.stream().filter(rule -> !rule.isOff()).toList();
    }

    public Optional<RegressionRule> rule(Metric metric) {
        return rules.stream().filter(rule -> rule.metric() == metric).findFirst();
    }
}
