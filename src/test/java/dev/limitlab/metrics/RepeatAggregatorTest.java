package dev.limitlab.metrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RepeatAggregatorTest {
    private static final TrialLimits HALF = new TrialLimits(0.5, null, null, 1024L, "no", null);
    private static final TrialLimits ONE = new TrialLimits(1.0, null, null, 1024L, "no", null);

    private static TrialResult trial(int n, TrialLimits limits, Double cores, String error) {
        TrialMetrics metrics = new TrialMetrics(cores, null, null, null, null, null, null, null, 0, null, 0, List.of(),
                null, null, null, null, null, null, Sampler.STATS, 3, null, null, null);
        return new TrialResult(n, "cpu", "cpu", n, "c" + n, limits, null, Instant.EPOCH, Instant.EPOCH,
                error == null ? EndReason.DURATION : EndReason.ERROR, metrics, error);
    }

    @Test
    void groupsRepeatsByConfigurationAndGivesMeanMinMaxAndCv() {
        List<ConfigurationSummary> summaries = RepeatAggregator.summarise(List.of(
                trial(1, HALF, 0.48, null), trial(2, HALF, 0.50, null), trial(3, HALF, 0.52, null),
                trial(4, ONE, 1.0, null), trial(5, ONE, 0.2, "engine went away")));

        assertEquals(2, summaries.size());
        Spread half = summaries.get(0).metrics().get("cpuUsedCores");
        assertEquals(0.50, half.mean(), 1e-9);
        assertEquals(0.48, half.min(), 1e-9);
        assertEquals(0.52, half.max(), 1e-9);
        assertEquals(0.02 / 0.50, half.cv(), 1e-9); // sample standard deviation 0.02
        assertEquals(3, summaries.get(0).repeats());

        ConfigurationSummary one = summaries.get(1);
        assertEquals(1, one.failedRepeats(), "a failed trial is counted, not averaged in");
        assertEquals(1, one.metrics().get("cpuUsedCores").n());
        assertNull(one.metrics().get("cpuUsedCores").cv(), "one value has no spread");
        assertNull(one.metrics().get("throughputOpsPerSec"), "not measured, so absent");
    }
}
