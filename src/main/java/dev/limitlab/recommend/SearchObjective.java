package dev.limitlab.recommend;

import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.RepeatAggregator;
import dev.limitlab.metrics.TrialResult;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objective a limit search steers by, the one the recommendation judges with: for --cpus, throughput within the
 * noise of the plateau's and throttling within target ({@link CpuRule}); for --memory, no OOM kill in any repeat.
 * Judged on every trial so far, since the plateau moves as trials arrive.
 */
public final class SearchObjective {
    private SearchObjective() {
    }

    /** A searched value's standing: whether it passes, and whether a repeat could change that. */
    public record Verdict(boolean passed, boolean marginal) {
    }

    /** Each tested --cpus value of one experiment's {@code trials}. */
    public static Map<Double, Verdict> cpus(List<TrialResult> trials, RecommendTargets targets) {
        List<ConfigurationSummary> configurations = RepeatAggregator.summarise(measured(trials));
        String experiment = trials.isEmpty() ? "" : trials.get(0).experiment();
        CpuRule.Judged judged = CpuRule.judge(configurations, targets, Throughput.lowerIsBetter(trials, experiment));
        Map<Double, Verdict> verdicts = new TreeMap<>();
        for (CpuRule.Point point : judged.points()) {
            verdicts.put(point.cpus(), new Verdict(point.meets(targets, judged.plateau()), point.marginal(targets, judged.plateau())));
        }
        return verdicts;
    }

    /** Each tested --memory value (bytes) of {@code trials}: passed when no repeat saw an OOM kill. */
    public static Map<Double, Verdict> memory(List<TrialResult> trials) {
        Map<Double, Verdict> verdicts = new TreeMap<>();
        for (TrialResult trial : measured(trials)) {
            if (trial.limits().memory() == null) {
                continue;
            }
            boolean killed = trial.metrics().oomKills() > 0;
            verdicts.merge((double) trial.limits().memory(), new Verdict(!killed, false),
                    (a, b) -> new Verdict(a.passed() && b.passed(), a.passed() != b.passed()));
        }
        return verdicts;
    }

    private static List<TrialResult> measured(List<TrialResult> trials) {
        return trials.stream().filter(TrialResult::usable).toList();
    }
}
