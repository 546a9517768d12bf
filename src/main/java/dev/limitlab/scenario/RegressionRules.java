package dev.limitlab.scenario;

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
     * charged to one container or another); OOM kills must not increase; restarts must stay exactly the same.
     */
    public static final RegressionRules DEFAULTS = new RegressionRules(List.of(
            RegressionRule.parse(RegressionMetric.THROUGHPUT, "-10% or 3cv"),
            RegressionRule.parse(RegressionMetric.THROTTLED_RATIO, "+5pt or 3cv"),
            RegressionRule.parse(RegressionMetric.MEMORY_PEAK, "+10% or +16m"),
            RegressionRule.parse(RegressionMetric.OOM_KILLS, "no-increase"),
            RegressionRule.parse(RegressionMetric.RESTARTS, "exact"),
            RegressionRule.parse(RegressionMetric.SCORE, "-10% or 3cv")));

    /** In the metrics' order, one per metric. */
    public RegressionRules {
        Map<RegressionMetric, RegressionRule> byMetric = new EnumMap<>(RegressionMetric.class);
        for (RegressionRule rule : rules) {
            if (byMetric.put(rule.metric(), rule) != null) throw new IllegalArgumentException("two rules for " + rule.metric().key());
        }
        rules = List.copyOf(byMetric.values());
    }

    /** The defaults, each declared rule replacing the default for its metric; declared {@code off} rules stay, unchecked. */
    public static RegressionRules overDefaults(Collection<RegressionRule> declared) {
        Map<RegressionMetric, RegressionRule> byMetric = new EnumMap<>(RegressionMetric.class);
        DEFAULTS.rules.forEach(rule -> byMetric.put(rule.metric(), rule));
        declared.forEach(rule -> byMetric.put(rule.metric(), rule));
        return new RegressionRules(List.copyOf(byMetric.values()));
    }

    /** The rules that check something, in the metrics' order. */
    public List<RegressionRule> checked() {
        return rules.stream().filter(rule -> !rule.isOff()).sorted(Comparator.comparing(RegressionRule::metric)).toList();
    }

    public Optional<RegressionRule> rule(RegressionMetric metric) {
        return rules.stream().filter(rule -> rule.metric() == metric).findFirst();
    }
}
