package dev.limitlab.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups trials by experiment and configuration and gives each {@link Metric}'s spread across the repeats. */
public final class RepeatAggregator {
    private RepeatAggregator() {
    }

    public static List<ConfigurationSummary> summarise(List<TrialResult> trials) {
        Map<String, List<TrialResult>> groups = new LinkedHashMap<>();
        for (TrialResult trial : trials) {
            groups.computeIfAbsent(trial.experiment() + "\u0000" + trial.limits().unpinned(), key -> new ArrayList<>()).add(trial);
        }
        List<ConfigurationSummary> summaries = new ArrayList<>();
        for (List<TrialResult> group : groups.values()) {
            List<TrialMetrics> measured = group.stream().filter(TrialResult::usable)
                    .map(TrialResult::metrics).toList();
            Map<String, Spread> spreads = new LinkedHashMap<>();
            for (Metric metric : Metric.values()) {
                Spread spread = Spread.of(measured.stream().map(metric::of).toList());
                if (spread != null) {
                    spreads.put(metric.jsonName(), spread);
                }
            }
            TrialResult first = group.get(0);
            int inconclusive = (int) group.stream().filter(TrialResult::inconclusive).count();
            summaries.add(new ConfigurationSummary(first.experiment(), first.workload(), first.limits().unpinned(), group.size(),
                    group.size() - measured.size() - inconclusive, inconclusive, spreads));
        }
        return summaries;
    }
}
