package dev.limitlab.search;

import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.RepeatAggregator;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.SearchStep;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.recommend.Recommender;
import dev.limitlab.recommend.TrialBuilder;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.scenario.Search;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitSearchTest {
    private static final long MIB = 1L << 20;
    private static final RecommendTargets TARGETS = RecommendTargets.DEFAULTS;
    private static final Search.Range CPUS = new Search.Range(Search.Resource.CPUS, 0.1, 2.0, 0.05);
    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    /** A workload with a finite CPU demand: throttled below it, its throughput wobbling by {@code wobble} above it. */
    private static DoubleFunction<TrialBuilder> demanding(double demand, double wobble) {
        int[] n = {0};
        return cpus -> {
            double sign = (n[0]++ % 2 == 0) ? 1 : -1;
            double throttled = cpus >= demand * 1.08 ? 0.01 : Math.min(0.97, 0.1 + (demand * 1.08 - cpus) * 3);
            return TrialBuilder.trial("api", "cpu").cpus(cpus).cpuUsed(Math.min(cpus, demand), Math.min(cpus, demand * 1.05))
                    .throttled(throttled).throughput(1000 * Math.min(1, cpus / demand) * (1 + sign * wobble));
        };
    }

    private static LimitSearch.Outcome search(Search.Range range, Optional<Integer> maxTrials, DoubleFunction<TrialBuilder> workload) {
        List<TrialResult> recorded = new ArrayList<>();
        Probe probe = (value, repeat, annotate) -> {
            TrialResult result = annotate.apply(workload.apply(value).repeat(repeat).build(recorded.size() + 1));
            recorded.add(result);
            return result;
        };
        return LimitSearch.run(new LimitSearch.Settings(range, "per-trial", 1, maxTrials, Optional.empty()),
                Objective.of(range.resource(), TARGETS), probe, CLOCK);
    }

    private static Recommendation recommend(LimitSearch.Outcome outcome) {
        return Recommender.recommend(new RunRecord(1, "r", "s", null, "0", null, Instant.EPOCH, Instant.EPOCH, RunStatus.COMPLETE,
                outcome.trials(), RepeatAggregator.summarise(outcome.trials()), null, null), TARGETS);
    }

    @Test
    void findsTheCpuKneeToThePrecisionInFewTrials() {
        LimitSearch.Outcome outcome = search(CPUS, Optional.empty(), demanding(0.65, 0.05));

        assertEquals(SearchStep.End.PRECISION, outcome.ended());
        assertTrue(outcome.trials().size() <= 8, outcome.trials().size() + " trials");
        assertTrue(outcome.bracket().width() <= 0.05 + 1e-9, outcome.bracket().toString());
        assertEquals(2.0, outcome.trials().get(0).search().value(), "the top of the range first");
        Recommendation r = recommend(outcome);
        assertTrue(r.cpus() >= 0.65 * 1.15 && r.cpus() <= 1.0, r.cpus() + "\n" + String.join("\n", r.evidence().cpus()));
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("step 1 (trial 1): cpus=2 passes")), r.evidence().cpus().toString());
    }

    @Test
    void recordsEveryStepWithItsBracketAndTheLastWithWhyItEnded() {
        List<TrialResult> trials = search(CPUS, Optional.empty(), demanding(0.65, 0.0)).trials();

        for (int i = 0; i < trials.size(); i++) {
            SearchStep step = trials.get(i).search();
            assertEquals(i + 1, step.step());
            assertEquals("cpus", step.resource());
            assertEquals(i == trials.size() - 1 ? SearchStep.End.PRECISION : null, step.ended());
        }
        assertEquals(2.0, trials.get(0).search().bracket().passes());
    }

    @Test
    void theSameWorkloadWithAnotherWobbleGetsAnAnswerWithinOneStep() {
        double a = recommend(search(CPUS, Optional.empty(), demanding(0.6, 0.05))).cpus();
        double b = recommend(search(CPUS, Optional.empty(), demanding(0.6, -0.05))).cpus();
        double c = recommend(search(CPUS, Optional.empty(), demanding(0.6, 0.0))).cpus();

        assertTrue(Math.max(a, Math.max(b, c)) - Math.min(a, Math.min(b, c)) <= 0.05 + 1e-9, a + " " + b + " " + c);
    }

    @Test
    void whenTheBudgetEndsFirstItSaysSoAndGivesTheBracket() {
        LimitSearch.Outcome outcome = search(CPUS, Optional.of(2), demanding(0.65, 0.0));

        assertEquals(SearchStep.End.BUDGET, outcome.ended());
        assertEquals(2, outcome.trials().size());
        assertTrue(recommend(outcome).evidence().cpus().stream().anyMatch(e -> e.contains("the budget ran out before the precision 0.05")),
                recommend(outcome).evidence().cpus().toString());
    }

    @Test
    void aWorkloadThatNeedsMoreThanTheRangeEndsAtOnce() {
        LimitSearch.Outcome outcome = search(new Search.Range(Search.Resource.CPUS, 0.1, 0.5, 0.05), Optional.empty(), demanding(1.5, 0.0));

        assertEquals(SearchStep.End.NONE_PASSES, outcome.ended());
        assertEquals(1, outcome.trials().size());
    }

    @Test
    void findsTheOomBoundaryAndTheRecommendationLiesAboveIt() {
        long holding = 90 * MIB + 12 * MIB; // the agent's 90 MiB and its JVM
        Search.Range memory = new Search.Range(Search.Resource.MEMORY, 32 * MIB, 1024 * MIB, 16 * MIB);
        LimitSearch.Outcome outcome = search(memory, Optional.empty(), bytes -> {
            boolean killed = bytes < holding;
            return TrialBuilder.trial("hold", "memory").memory((long) bytes).oomKills(killed ? 1 : 0)
                    .workingSet(killed ? (long) bytes : holding);
        });

        assertEquals(SearchStep.End.PRECISION, outcome.ended());
        assertTrue(outcome.trials().size() <= 10, outcome.trials().size() + " trials");
        assertTrue(outcome.bracket().fails() < holding && outcome.bracket().passes() >= holding, outcome.bracket().toString());
        Recommendation r = recommend(outcome);
        assertTrue(r.memoryBytes() > outcome.bracket().passes() && r.memoryBytes() >= holding * 1.15, r.memoryBytes() / MIB + " MiB");
        assertTrue(r.evidence().memoryBytes().stream().anyMatch(e -> e.startsWith("hold: searched memory 16m apart")),
                r.evidence().memoryBytes().toString());
    }
}
