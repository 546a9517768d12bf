package dev.limitlab.engine;

import dev.limitlab.metrics.Contention;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RerunsTest {
    private static TrialResult attempt(boolean disturbed) {
        TrialMetrics metrics = new TrialMetrics(disturbed ? 0.27 : 0.99, null, 0.0, null, null, null, null, null, 0, null, 0,
                List.of(), null, null, null, 1e5, null, null, Sampler.CGROUP, 50, null, null, null)
                .withPressure(new Contention(disturbed ? 0.87 : 0.05, disturbed ? 1.7 : 0.1, 1, disturbed), null);
        return new TrialResult(1, "cpu", "cpu", 1, "limitlab-1", new TrialLimits(1.0, null, null, 1024L, "no", null), null,
                Instant.EPOCH, Instant.EPOCH, EndReason.DURATION, metrics, null);
    }

    private static Deque<TrialResult> attempts(boolean... disturbed) {
        Deque<TrialResult> queue = new ArrayDeque<>();
        for (boolean d : disturbed) {
            queue.add(attempt(d));
        }
        return queue;
    }

    @Test
    void aCleanRerunCountsAndKeepsTheDisturbedAttempt() {
        Deque<TrialResult> queue = attempts(true, false, true);
        TrialResult counted = new Reruns(2).run(queue::poll);
        assertFalse(counted.disturbed());
        assertFalse(counted.inconclusive());
        assertTrue(counted.usable());
        assertEquals(1, counted.attempts().size());
        assertTrue(counted.attempts().get(0).disturbed());
        assertEquals(1, queue.size()); // no third attempt
    }

    @Test
    void stillDisturbedAfterItsRerunsIsInconclusiveAndNotUsable() {
        Deque<TrialResult> queue = attempts(true, true, true, false);
        TrialResult counted = new Reruns(2).run(queue::poll);
        assertTrue(counted.inconclusive());
        assertFalse(counted.usable());
        assertEquals(2, counted.attempts().size());
        assertEquals(1, queue.size());
    }

    @Test
    void aCleanFirstAttemptRunsOnce() {
        Deque<TrialResult> queue = attempts(false, false);
        TrialResult counted = new Reruns(2).run(queue::poll);
        assertTrue(counted.attempts().isEmpty());
        assertEquals(1, queue.size());
    }

    @Test
    void noRerunsMakeADisturbedTrialInconclusiveAtOnce() {
        assertTrue(new Reruns(0).run(attempts(true, false)::poll).inconclusive());
    }
}
