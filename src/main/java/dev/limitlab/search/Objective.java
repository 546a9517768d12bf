package dev.limitlab.search;

import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.recommend.SearchObjective;
import dev.limitlab.scenario.Search;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * What a search steers by: each tested value's verdict on all trials so far, the measured demand that suggests
 * where the boundary lies, and the headroom the recommendation adds to it.
 */
public interface Objective {
    Map<Double, SearchObjective.Verdict> judge(List<TrialResult> trials);

    /** The demand measured at the largest value tried (CPU p95 in cores, or the working set in bytes), if any. */
    OptionalDouble demand(List<TrialResult> trials);

    double headroom();

    /** The recommendation's objective for {@code resource}. */
    static Objective of(Search.Resource resource, RecommendTargets targets) {
        return resource == Search.Resource.CPUS
                ? new ByRecommendation(trials -> SearchObjective.cpus(trials, targets),
                m -> m.cpuUsedP95Cores() != null ? m.cpuUsedP95Cores() : m.cpuUsedCores(), targets.cpuHeadroom(), resource)
                : new ByRecommendation(SearchObjective::memory,
                m -> m.workingSetPeakBytes() == null ? null : m.workingSetPeakBytes().doubleValue(), targets.memoryHeadroom(), resource);
    }

    /** The recommendation's verdicts, and the demand read from the trials at the largest value tried. */
    record ByRecommendation(Function<List<TrialResult>, Map<Double, SearchObjective.Verdict>> verdicts,
                            Function<TrialMetrics, Double> demandOf, double headroom, Search.Resource resource) implements Objective {
        @Override
        public Map<Double, SearchObjective.Verdict> judge(List<TrialResult> trials) {
            return verdicts.apply(trials);
        }

        @Override
        public OptionalDouble demand(List<TrialResult> trials) {
            List<TrialResult> measured = trials.stream().filter(TrialResult::usable).toList();
            double largest = measured.stream().mapToDouble(t -> LimitSearch.valueOf(t, resource)).max().orElse(Double.NaN);
            return measured.stream().filter(t -> LimitSearch.valueOf(t, resource) == largest)
                    .map(t -> demandOf.apply(t.metrics())).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).map(OptionalDouble::of).orElse(OptionalDouble.empty());
        }
    }
}
