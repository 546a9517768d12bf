package dev.limitlab.recommend;

import dev.limitlab.metrics.Confirmation;
import dev.limitlab.metrics.MemoryPressure;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.TrialMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.limitlab.recommend.TrialBuilder.MIB;
import static dev.limitlab.recommend.TrialBuilder.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommenderTest {
    private static final RecommendTargets DEFAULTS = RecommendTargets.DEFAULTS;
    private static final double[] CPUS = {0.25, 0.5, 0.75, 1.0, 1.5, 2.0};

    /** One thread busy 60 % of the time: throughput saturates at 0.6 cores, throttling vanishes above it. */
    private static List<TrialBuilder> sixtyPercentOfOneCore() {
        List<TrialBuilder> trials = new ArrayList<>();
        for (int repeat = 1; repeat <= 2; repeat++) {
            double noise = repeat == 1 ? 0.99 : 1.01;
            for (double cpus : CPUS) {
                double used = Math.min(cpus, 0.6);
                trials.add(trial("cpu", "cpu").repeat(repeat).cpus(cpus).cpuUsed(used * noise, Math.min(cpus, 0.63))
                        .throughput(1000 * used / 0.6 * noise)
                        .throttled(cpus < 0.6 ? 0.97 : cpus < 1 ? 0.04 : 0.0)
                        .workingSet(20 * MIB).pids(17));
            }
        }
        return trials;
    }

    @Test
    void cpusForAWorkloadDemandingSixTenthsOfACoreLandBetweenTheDemandAndItsHeadroom() {
        Recommendation r = Recommender.recommend(TrialBuilder.run(sixtyPercentOfOneCore()), DEFAULTS);

        assertTrue(r.cpus() >= 0.6 && r.cpus() <= 0.85, "cpus " + r.cpus() + "\n" + r.evidence().cpus());
        assertEquals(0.75, r.cpus(), 1e-9);
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("knee") && e.contains("cpus=0.5 and cpus=0.75")),
                r.evidence().cpus().toString());
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("demand 0.63 cores") && e.contains("cpus=2")),
                r.evidence().cpus().toString());
        assertEquals(0.6, r.cpuRequest(), 1e-9, "request: mean CPU used where least constrained, rounded up");
        assertEquals(List.of(), r.cpusToTry());
    }

    /**
     * The two runs of cpu-sweep.yaml in issue 13: a 0.6-core demand, unthrottled from 0.75 up, its throughput there
     * wandering between 5.85e4 and 6.5e4 ops/s; against the single best, run one put the knee at 1.21 (--cpus 1.25).
     */
    @ParameterizedTest
    @CsvSource({"6.5e4, 5.85e4, 6.2e4", "5.9e4, 6.4e4, 6.0e4", "6.1e4, 6.1e4, 6.1e4"})
    void aFivePercentWobbleAboveTheDemandMovesNothing(double at075, double at1, double at2) {
        List<TrialBuilder> trials = List.of(
                trial("cpu", "cpu").cpus(0.25).cpuUsed(0.25, 0.25).throttled(0.99).throughput(2.6e4),
                trial("cpu", "cpu").cpus(0.5).cpuUsed(0.5, 0.5).throttled(0.97).throughput(5.1e4),
                trial("cpu", "cpu").cpus(0.75).cpuUsed(0.6, 0.66).throttled(0.0).throughput(at075),
                trial("cpu", "cpu").cpus(1.0).cpuUsed(0.6, 0.66).throttled(0.0).throughput(at1),
                trial("cpu", "cpu").cpus(1.5).cpuUsed(0.6, 0.66).throttled(0.0).throughput(at1),
                trial("cpu", "cpu").cpus(2.0).cpuUsed(0.6, 0.66).throttled(0.0).throughput(at2));

        Recommendation r = Recommender.recommend(TrialBuilder.run(trials), DEFAULTS);

        // knee: throttling crosses 10 % between 0.5 and 0.75; demand 0.66 + 15 % = 0.759 binds
        assertEquals(0.8, r.cpus(), 1e-9, String.join("\n", r.evidence().cpus()));
    }

    @Test
    void theKneeIsInterpolatedOnTheCriterionThatBinds() {
        RunRecord run = TrialBuilder.run(List.of(
                trial("cpu", "cpu").cpus(0.5).cpuUsed(0.5, 0.5).throughput(800).throttled(0.05),
                trial("cpu", "cpu").cpus(1.0).cpuUsed(0.3, 0.3).throughput(1000).throttled(0.0)));

        Recommendation r = Recommender.recommend(run, DEFAULTS);

        // the plateau is cpus=1 (cpus=0.5 uses all of its limit); throughput 80 % -> 100 % crosses 95 % less the
        // 5 % noise floor at 0.5 + 0.1 / 0.2 * 0.5 = 0.75; throttling never missed
        assertEquals(0.75, r.cpus(), 1e-9);
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("knee 0.750") && e.contains("throughput (80.0 % -> 100.0 %)")),
                r.evidence().cpus().toString());
    }

    @Test
    void whenNoTestedCpusMeetsTheTargetsThereIsNoNumberButValuesToTryNext() {
        List<TrialBuilder> trials = new ArrayList<>();
        for (double cpus : new double[]{0.5, 1.0, 2.0}) {
            trials.add(trial("cpu", "cpu").cpus(cpus).cpuUsed(cpus, cpus).throughput(500 * cpus).throttled(0.5));
        }

        Recommendation r = Recommender.recommend(TrialBuilder.run(trials), DEFAULTS);

        assertNull(r.cpus());
        assertEquals(List.of(3.0, 4.0), r.cpusToTry());
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("no tested --cpus value met the targets")),
                r.evidence().cpus().toString());
        assertTrue(!r.dockerRunFlags().contains("--cpus"), r.dockerRunFlags());
        assertTrue(RecommendationText.render(r).contains("--cpus none recommended (test cpus=3, cpus=4 next)"));
    }

    @Test
    void aTimePerOpScoreCountsLowerAsBetter() {
        TrialMetrics.WorkloadFacts slow = new TrialMetrics.WorkloadFacts(1, null, null, null, null, 20.0, 0.1, "ms/op");
        TrialMetrics.WorkloadFacts fast = new TrialMetrics.WorkloadFacts(2, null, null, null, null, 10.0, 0.1, "ms/op");
        RunRecord run = TrialBuilder.run(List.of(
                trial("bench", "jmh").cpus(0.5).cpuUsed(0.5, 0.5).throttled(0.5).facts(slow),
                trial("bench", "jmh").cpus(1.0).cpuUsed(0.6, 0.6).throttled(0.0).facts(fast)));

        Recommendation r = Recommender.recommend(run, DEFAULTS);

        assertEquals(0.1, r.bestThroughput().get("bench"), 1e-9, "1 / 10 ms/op");
        assertTrue(r.evidence().cpus().stream().anyMatch(e -> e.contains("plateau throughput 0.100 op/ms: the median of cpus=1")),
                r.evidence().cpus().toString());
        assertTrue(r.cpus() > 0.5 && r.cpus() <= 1.0, "cpus " + r.cpus());
    }

    @Test
    void memoryForAWorkloadHolding150MiBClearsTheLimitsThatWereOomKilled() {
        List<TrialBuilder> trials = new ArrayList<>();
        for (long limit : new long[]{96, 128, 192, 256, 512}) {
            TrialBuilder t = trial("memory", "memory").memory(limit * MIB).cpuUsed(0.1, 0.2).pids(18);
            trials.add(limit <= 128 ? t.oomKills(1).workingSet((limit - 1) * MIB)
                    : t.workingSet((150 + limit / 64) * MIB)
                    .facts(new TrialMetrics.WorkloadFacts(2, limit * MIB / 4, limit * MIB, null, null, null, null, null)));
        }

        Recommendation r = Recommender.recommend(TrialBuilder.run(trials), DEFAULTS);

        assertTrue(r.memoryBytes() >= 160 * MIB && r.memoryBytes() <= 224 * MIB, r.memoryBytes() / MIB + " MiB");
        assertEquals(0, r.memoryBytes() % (16 * MIB), "a multiple of the step");
        assertEquals(r.memoryBytes(), r.memorySwapBytes());
        assertTrue(r.evidence().memoryBytes().stream().anyMatch(e -> e.contains("158.0 MiB") && e.contains("memory=512m")),
                r.evidence().memoryBytes().toString());
        assertTrue(r.evidence().memoryBytes().stream().anyMatch(e -> e.contains("memory=128m: OOM kill in 1 of 1")),
                r.evidence().memoryBytes().toString());
        // non-heap >= 153 MiB working set - 48 MiB max heap (at 192m) = 105 MiB, x 1.15 = 120.75 MiB of 192 MiB
        assertEquals(Integer.valueOf(37), r.maxRamPercentage(), r.evidence().maxRamPercentage().toString());
    }

    @Test
    void memoryStaysStrictlyAboveATestedLimitThatWasOomKilled() {
        RunRecord run = TrialBuilder.run(List.of(
                trial("memory", "memory").memory(128 * MIB).oomKills(1).workingSet(127 * MIB),
                trial("memory", "memory").memory(256 * MIB).workingSet(100 * MIB)));

        Recommendation r = Recommender.recommend(run, DEFAULTS);

        // 100 MiB + 15 % = 115 MiB -> 128 MiB, which was killed: the next step up
        assertEquals(144 * MIB, r.memoryBytes());
        assertTrue(r.evidence().memoryBytes().stream().anyMatch(e -> e.contains("raised to 144m")), r.evidence().memoryBytes().toString());
    }

    @Test
    void memoryAfterAThrashedLimitIsATestedLimitThatHeld() {
        RunRecord run = TrialBuilder.run(List.of(
                trial("memory", "memory").memory(128 * MIB).workingSet(101 * MIB)
                        .memoryPressure(new MemoryPressure(7.3, 382, 1_728_923L, null, true)),
                trial("memory", "memory").memory(256 * MIB).workingSet(101 * MIB),
                trial("memory", "memory").memory(512 * MIB).workingSet(101 * MIB)));

        Recommendation r = Recommender.recommend(run, DEFAULTS);

        // 101 MiB + 15 % -> 128m, which thrashed: not 144m, never tested, but 256m, which held
        assertEquals(256 * MIB, r.memoryBytes(), r.evidence().memoryBytes().toString());
        assertTrue(r.evidence().memoryBytes().stream().anyMatch(e -> e.contains("trial 1 (memory memory=128m) thrashed: 7.30 s")
                && e.contains("382 major faults, 1728923 pages refaulted")), r.evidence().memoryBytes().toString());
        assertTrue(r.evidence().memoryBytes().stream().anyMatch(e -> e.startsWith("raised to 256m, the smallest tested limit above 128m")),
                r.evidence().memoryBytes().toString());
    }

    @Test
    void whenEveryTestedMemoryLimitWasOomKilledThereIsNoNumber() {
        RunRecord run = TrialBuilder.run(List.of(
                trial("memory", "memory").memory(64 * MIB).oomKills(1).workingSet(63 * MIB),
                trial("memory", "memory").memory(128 * MIB).oomKills(2).workingSet(127 * MIB),
                trial("cpu", "cpu").cpus(1.0).cpuUsed(0.5, 0.5).throttled(0.0).throughput(10).workingSet(20 * MIB)));

        Recommendation r = Recommender.recommend(run, DEFAULTS);

        assertNull(r.memoryBytes());
        assertNull(r.memorySwapBytes());
        assertTrue(r.evidence().memoryBytes().stream().anyMatch(e -> e.contains("every tested --memory (64m, 128m) saw an OOM kill")),
                r.evidence().memoryBytes().toString());
        assertTrue(!r.dockerRunFlags().contains("--memory"), r.dockerRunFlags());
    }

    @Test
    void aTransientFailureThatSucceedsAfterTwoRestartsGivesOnFailure2() {
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        List<TrialMetrics.RunSpan> timeline = List.of(
                new TrialMetrics.RunSpan(1, t0, t0.plusMillis(200), 3, 0.2, null, null),
                new TrialMetrics.RunSpan(2, t0.plusMillis(530), t0.plusMillis(730), 3, 0.2, 0.33, 0.1),
                new TrialMetrics.RunSpan(3, t0.plusMillis(1160), t0.plusMillis(1360), 0, 0.2, 0.43, 0.2));
        RunRecord run = TrialBuilder.run(List.of(
                trial("flaky", "crash").restart("on-failure:1").restarts(1, 3, true),
                trial("flaky", "crash").restart("on-failure:5").restarts(2, 0, false).timeline(timeline)));

        Recommendation r = Recommender.recommend(run, DEFAULTS);

        assertEquals("on-failure:2", r.restart());
        assertEquals(2, r.restartRetries());
        // 3 runs of 0.2 s (mean of the 2 failing runs) + backoff 0.1 + 0.2 s + 2 starts of 0.23 s (mean of 0.23, 0.23)
        assertEquals(0.6 + 0.3 + 0.46, r.crashLoopGiveUpSeconds(), 1e-6);
        assertTrue(r.evidence().restart().stream().anyMatch(e -> e.contains("trial 1") && e.contains("gave up after 1 restart")),
                r.evidence().restart().toString());
        assertTrue(r.dockerRunFlags().contains("--restart on-failure:2"));
    }

    @Test
    void withNoCrashExperimentTheDefaultRestartPolicyIsUsedAndSaidSo() {
        Recommendation r = Recommender.recommend(TrialBuilder.run(sixtyPercentOfOneCore()), DEFAULTS);

        assertEquals("on-failure:5", r.restart());
        assertNull(r.crashLoopGiveUpSeconds());
        assertTrue(r.evidence().restart().get(0).startsWith("no crash experiment ran"), r.evidence().restart().toString());
    }

    @Test
    void pidsAreTwiceThePeakWithAFloorOf32() {
        Recommendation few = Recommender.recommend(TrialBuilder.run(List.of(trial("cpu", "cpu").pids(10))), DEFAULTS);
        Recommendation many = Recommender.recommend(TrialBuilder.run(List.of(
                trial("cpu", "cpu").pids(10), trial("cpu", "cpu").pids(40))), DEFAULTS);

        assertEquals(32L, few.pidsLimit());
        assertEquals(80L, many.pidsLimit());
        assertTrue(many.evidence().pidsLimit().get(0).contains("peak 40 task(s) in trial 2"), many.evidence().pidsLimit().toString());
    }

    @Test
    void flagsComposeAndKubernetesCarryTheNumbersAndTheHardeningTheTrialsRanWith() {
        List<TrialBuilder> trials = new ArrayList<>(sixtyPercentOfOneCore());
        trials.add(trial("memory", "memory").memory(256 * MIB).workingSet(160 * MIB).pids(32));
        trials.add(trial("flaky", "crash").restart("on-failure:3").restarts(2, 0, false));

        Recommendation r = Recommender.recommend(TrialBuilder.run(trials), DEFAULTS);

        assertEquals("--cpus 0.75 --memory 192m --memory-swap 192m --pids-limit 64 --restart on-failure:2 --cap-drop ALL "
                + "--security-opt no-new-privileges --read-only --user 65534:65534 --network none", r.dockerRunFlags());
        assertTrue(r.compose().contains("""
                    deploy:
                      resources:
                        limits:
                          cpus: "0.75"
                          memory: 192m
                          pids: 64
                """), r.compose());
        assertTrue(r.compose().contains("restart: \"on-failure:2\""), r.compose());
        assertTrue(r.kubernetes().contains("""
                  requests:
                    cpu: 600m
                    memory: 192Mi
                  limits:
                    cpu: 750m
                    memory: 192Mi
                """), r.kubernetes());
    }

    @Test
    void theTextShowsEveryNumberWithItsEvidenceAndTheTargets() {
        Recommendation r = Recommender.recommend(TrialBuilder.run(sixtyPercentOfOneCore()), DEFAULTS);

        String text = RecommendationText.render(r);

        assertTrue(text.contains("throughput >= 95.0 % of the plateau (less the noise), throttled <= 10.0 % of periods"), text);
        assertTrue(text.contains("--cpus 0.75\n    - cpu: plateau throughput"), text);
        assertTrue(text.contains("--pids-limit 34\n    - peak 17 task(s)"), text);
        assertTrue(text.contains("docker run --cpus 0.75 "), text);
        assertTrue(text.contains("Confirmation: not run"), text);
    }
}
