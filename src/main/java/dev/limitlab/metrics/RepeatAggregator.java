package dev.limitlab.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Groups trials by experiment and configuration and gives each metric's spread across the repeats. */
public final class RepeatAggregator {
    /** The metrics summarised across repeats, by the name they have in {@link TrialMetrics}. */
    static final Map<String, Function<TrialMetrics, Number>> METRICS = metrics();

    private RepeatAggregator() {
    }

    private static Map<String, Function<TrialMetrics, Number>> metrics() {
        Map<String, Function<TrialMetrics, Number>> m = new LinkedHashMap<>();
        m.put("cpuUsedCores", TrialMetrics::cpuUsedCores);
        m.put("cpuUsedP95Cores", TrialMetrics::cpuUsedP95Cores);
        m.put("throttledPeriodsRatio", TrialMetrics::throttledPeriodsRatio);
        m.put("throttledSecondsPerSecond", TrialMetrics::throttledSecondsPerSecond);
        m.put("memoryPeakBytes", TrialMetrics::memoryPeakBytes);
        m.put("workingSetPeakBytes", TrialMetrics::workingSetPeakBytes);
        m.put("pidsPeak", TrialMetrics::pidsPeak);
        m.put("oomKills", TrialMetrics::oomKills);
        m.put("restarts", TrialMetrics::restarts);
        m.put("throughputOpsPerSec", TrialMetrics::throughputOpsPerSec);
        m.put("workloadMemoryPeakBytes", TrialMetrics::workloadMemoryPeakBytes);
        m.put("score", t -> t.workload() == null ? null : t.workload().score());
        return java.util.Collections.unmodifiableMap(m);
    }

    public static List<ConfigurationSummary> summarise(List<TrialResult> trials) {
        Map<String, List<TrialResult>> groups = new LinkedHashMap<>();
        for (TrialResult trial : trials) {
            groups.computeIfAbsent(trial.experiment() + "\u0000" + trial.limits().unpinned(), key -> new ArrayList<>()).add(trial);
        }
        List<ConfigurationSummary> summaries = new ArrayList<>();
        for (List<TrialResult> group : groups.values()) {
            List<TrialMetrics> measured = group.stream().filter(t -> t.error() == null && t.metrics() != null)
                    .map(TrialResult::metrics).toList();
            Map<String, Spread> spreads = new LinkedHashMap<>();
            METRICS.forEach((name, metric) -> {
                Spread spread = Spread.of(measured.stream().map(metric)
                        .map(v -> v == null ? null : v.doubleValue()).toList());
                if (spread != null) {
                    spreads.put(name, spread);
                }
            });
            TrialResult first = group.get(0);
            summaries.add(new ConfigurationSummary(first.experiment(), first.workload(), first.limits().unpinned(), group.size(),
                    group.size() - measured.size(), spreads));
        }
        return summaries;
    }
}
