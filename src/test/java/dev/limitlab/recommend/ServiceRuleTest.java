package dev.limitlab.recommend;

import dev.limitlab.metrics.Confirmation;
import dev.limitlab.metrics.LoadMetrics;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.limitlab.recommend.TrialBuilder.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service's --cpus comes from its latency objective, interpolated on the latency curve, never below its demand. */
class ServiceRuleTest {
    private static final RecommendTargets P99_50MS = new RecommendTargets(0.15, 0.15, 0.95, 0.10, 0.95, 5, 0.05, 16L << 20,
            Map.of(LoadMetrics.Percentile.P99, 50.0), 0.001);

    private static TrialBuilder web(double cpus) {
        return trial("web", "service").cpus(cpus).memory(256L << 20).workingSet(40L << 20);
    }

    @Test
    void interpolatesWhereTheP99CrossesItsBoundAndKeepsTheDemandWithHeadroom() {
        Recommendation r = Recommender.recommend(TrialBuilder.run(List.of(
                web(0.25).cpuUsed(0.25, 0.25).throttled(0.9).load(200, 120, 0.3, 800, 2000, false),
                web(0.5).cpuUsed(0.42, 0.47).throttled(0.2).load(200, 200, 0, 20, 150, false),
                web(1.0).cpuUsed(0.42, 0.45).throttled(0.0).load(200, 200, 0, 4, 10, false))), P99_50MS);

        // p99 falls from 150 ms at 0.5 to 10 ms at 1.0: it reaches 50 ms at 0.5 + (150-50)/(150-10) x 0.5 = 0.857
        assertEquals(0.9, r.cpus(), 1e-9, String.join("\n", r.evidence().cpus()));
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("knee 0.857: interpolated between cpus=0.5 and cpus=1")),
                String.join("\n", r.evidence().cpus()));
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.startsWith("web: cpus=0.25: p99 2000.0 ms > 50.0 ms")
                && e.endsWith("misses the objective")), String.join("\n", r.evidence().cpus()));
    }

    @Test
    void theDemandUnderLoadWinsWhenTheKneeIsLower() {
        Recommendation r = Recommender.recommend(TrialBuilder.run(List.of(
                web(0.5).cpuUsed(0.45, 0.49).throttled(0.3).load(200, 200, 0, 10, 40, false),
                web(1.0).cpuUsed(0.45, 0.5).throttled(0.0).load(200, 200, 0, 4, 10, false))), P99_50MS);
        // 0.5 already meets p99 <= 50 ms, but its demand was 0.49 cores: + 15 % = 0.5635 -> 0.6
        assertEquals(0.6, r.cpus(), 1e-9, String.join("\n", r.evidence().cpus()));
    }

    @Test
    void aWindowTheDriverFellBehindInIsNotJudgedAndNoValueMeetingItGivesNoNumber() {
        Recommendation r = Recommender.recommend(TrialBuilder.run(List.of(
                web(0.25).cpuUsed(0.25, 0.25).throttled(0.9).load(200, 120, 0.3, 800, 2000, false),
                web(0.5).cpuUsed(0.42, 0.47).throttled(0.2).load(200, 200, 0, 20, 150, false),
                web(1.0).cpuUsed(0.42, 0.45).throttled(0.0).load(200, 200, 0, 4, 10, true))), P99_50MS);
        assertNull(r.cpus(), String.join("\n", r.evidence().cpus()));
        assertEquals(List.of(0.75, 1.0), r.cpusToTry());
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("the load driver fell behind") && e.endsWith("not judged")),
                String.join("\n", r.evidence().cpus()));
    }

    @Test
    void errorsOrAShortfallOfTheOfferedRateMissTheObjectiveWhateverTheLatency() {
        assertFalse(ServiceObjective.judge(load(200, 150, 0, 5), P99_50MS).met());
        assertFalse(ServiceObjective.judge(load(200, 200, 0.01, 5), P99_50MS).met());
        assertTrue(ServiceObjective.judge(load(200, 199, 0.0005, 5), P99_50MS).met());
    }

    @Test
    void aConfirmationTrialIsHeldToTheObjective() {
        Recommendation r = Recommender.recommend(TrialBuilder.run(List.of(
                web(0.5).cpuUsed(0.42, 0.47).throttled(0.2).load(200, 200, 0, 20, 150, false),
                web(1.0).cpuUsed(0.42, 0.45).throttled(0.0).load(200, 200, 0, 4, 10, false))), P99_50MS);
        TrialResult slow = web(0.9).cpuUsed(0.42, 0.45).throttled(0.5).load(200, 200, 0, 30, 80, false).build(3);
        TrialResult fast = web(0.9).cpuUsed(0.42, 0.45).throttled(0.5).load(200, 200, 0, 5, 20, false).build(4);
        Confirmation failed = ConfirmationJudge.judge(r, slow);
        Confirmation passed = ConfirmationJudge.judge(r, fast);
        assertFalse(failed.passed(), failed.reason());
        assertTrue(failed.reason().contains("p99 80.0 ms > 50.0 ms"), failed.reason());
        assertTrue(passed.passed(), passed.reason() + " (throttling is not a service's objective)");
    }

    private static LoadMetrics load(double offered, double achieved, double errors, double p99) {
        return new LoadMetrics("open", 64, offered, achieved, errors, achieved, 2000, new LoadMetrics.Latency(1.0, p99, p99, p99, p99),
                null, Map.of(), false, 1.0, null, null, null);
    }
}
