package dev.limitlab.recommend;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.limitlab.metrics.Confirmation;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.limitlab.recommend.TrialBuilder.MIB;
import static dev.limitlab.recommend.TrialBuilder.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommendationTest {
    // configured as RunJson's mapper is: run.json is where a recommendation is written
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Recommendation recommendation() {
        List<TrialBuilder> trials = new ArrayList<>();
        for (double cpus : new double[]{0.5, 1.0, 2.0}) {
            trials.add(trial("cpu", "cpu").cpus(cpus).cpuUsed(Math.min(cpus, 0.6), Math.min(cpus, 0.63))
                    .throughput(1000 * Math.min(cpus, 0.6) / 0.6).throttled(cpus < 0.6 ? 0.9 : 0.0).workingSet(20 * MIB).pids(17));
        }
        trials.add(trial("flaky", "crash").restart("on-failure:5").restarts(2, 0, false));
        return Recommender.recommend(TrialBuilder.run(trials), RecommendTargets.DEFAULTS);
    }

    private static TrialResult confirmation(TrialBuilder builder) {
        return builder.build(9);
    }

    @Test
    void serialisesWithEveryNumberAndItsEvidenceAndReadsBackEqual() throws Exception {
        Recommendation r = recommendation().withConfirmations(List.of(
                ConfirmationJudge.judge(recommendation(), confirmation(trial("cpu", "cpu").cpus(0.75).throughput(990).throttled(0.02)))));

        JsonNode json = JSON.valueToTree(r);

        for (String field : List.of("cpus", "memoryBytes", "restart", "pidsLimit", "dockerRunFlags", "targets", "confirmations")) {
            assertTrue(json.has(field), field + " in " + json);
        }
        for (String field : List.of("cpus", "memoryBytes", "restart", "pidsLimit", "dockerRunFlags")) {
            assertTrue(json.get("evidence").get(field).isArray() && !json.get("evidence").get(field).isEmpty(),
                    "evidence." + field + " in " + json.get("evidence"));
        }
        assertEquals(0.95, json.get("cpus").asDouble(), "knee on throttling: 0.5 + 0.8 / 0.9 * 0.5 = 0.944");
        assertEquals("on-failure:2", json.get("restart").asText());
        assertEquals(r, JSON.treeToValue(json, Recommendation.class));
        assertFalse(json.has("restartRetries") || json.has("toLimits"), "helpers are not data: " + json.fieldNames());
    }

    @Test
    void aConfirmationTrialThatKeepsTheTargetsPasses() {
        Recommendation r = recommendation();

        Confirmation c = ConfirmationJudge.judge(r, confirmation(trial("cpu", "cpu").cpus(0.75).throughput(980).throttled(0.03)));

        assertTrue(c.passed(), c.reason());
        assertEquals(0.98, c.throughputShare(), 1e-9);
        assertTrue(c.reason().startsWith("passed: throughput 98.0 % of best"), c.reason());
    }

    @Test
    void aConfirmationTrialFailsOnSlowThroughputThrottlingOomKillsOrTooManyRestarts() {
        Recommendation r = recommendation();

        Confirmation slow = ConfirmationJudge.judge(r, confirmation(trial("cpu", "cpu").throughput(800).throttled(0.3)));
        Confirmation killed = ConfirmationJudge.judge(r, confirmation(trial("cpu", "cpu").throughput(1000).oomKills(1)));
        Confirmation looping = ConfirmationJudge.judge(r, confirmation(trial("flaky", "crash").restarts(3, 1, true)));

        assertFalse(slow.passed());
        assertEquals("failed: throughput 80.0 % of best (target >= 95.0 %), throttled 30.0 % of periods (target <= 10.0 %)",
                slow.reason());
        assertFalse(killed.passed());
        assertEquals("failed: 1 OOM kill(s)", killed.reason());
        assertFalse(looping.passed());
        assertEquals("failed: 3 restart(s) (at most 2)", looping.reason());
    }

    @Test
    void aConfirmationTrialThatFailedToRunFails() {
        TrialResult broken = confirmation(trial("cpu", "cpu"));
        broken = new TrialResult(broken.trial(), broken.experiment(), broken.workload(), 1, "c", broken.limits(),
                broken.security(), broken.startedAt(), broken.endedAt(), EndReason.ERROR, null, "engine went away");

        Confirmation c = ConfirmationJudge.judge(recommendation(), broken);

        assertFalse(c.passed());
        assertNull(c.throughput());
        assertEquals("the trial failed to run: engine went away", c.reason());
    }

    @Test
    void theLimitsToConfirmWithAreTheRecommendedOnes() {
        Recommendation r = recommendation();

        assertEquals(0.95, r.toLimits().cpus());
        assertEquals(r.memoryBytes(), r.toLimits().memory());
        assertEquals(r.memoryBytes(), r.toLimits().memorySwap());
        assertEquals("on-failure:2", r.toLimits().restart());
        assertEquals(2, r.restartRetries());
    }
}
