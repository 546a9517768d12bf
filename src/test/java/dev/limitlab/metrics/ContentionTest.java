package dev.limitlab.metrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final long S = 1_000_000_000L;

    /**
     * Ten one-second readings of a container: per second it used {@code cores}, its threads queued {@code waitCores},
     * it was throttled {@code throttledShare} of 10 periods for {@code throttledCores}, and the host was busy {@code hostCores}.
     */
    static List<StatsSample> seconds(double cores, double waitCores, double throttledShare, double throttledCores, double hostCores) {
        List<StatsSample> samples = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            samples.add(new StatsSample(T0.plusSeconds(i), (long) (i * cores * S), 10L * i, (long) (10 * i * throttledShare),
                    (long) (i * throttledCores * S), 0, null, 0, null, null, null)
                    .withScheduling(new StatsSample.Scheduling((long) (i * waitCores * S), (long) (i * hostCores * S))));
        }
        return samples;
    }

    @Test
    void starvedWithoutThrottlingIsDisturbed() {
        // as seen here under six setsid loops: 0.27 cores of two busy threads at cpus 1, never throttled
        Contention c = Contention.of(seconds(0.27, 1.73, 0, 0, 2.0), true);
        assertEquals(1.73 / 2.0, c.runQueueWaitRatio(), 1e-9);
        assertEquals(2.0 - 0.27, c.hostBusyCores(), 1e-9);
        assertEquals(17.3, c.runQueueWaitSeconds(), 1e-6);
        assertTrue(c.disturbed());
    }

    @Test
    void throttledTimeIsTheLimitsNotTheHosts() {
        Contention c = Contention.of(seconds(1.0, 1.0, 0.3, 1.0, 1.5), true);
        assertEquals(0, c.runQueueWaitRatio(), 1e-9);
        assertFalse(c.disturbed());
    }

    @Test
    void aContainerHeldByItsLimitGotAllItWasAllowed() {
        assertFalse(Contention.of(seconds(1.0, 1.5, 1.0, 0.5, 1.8), true).disturbed());
    }

    @Test
    void throttledInMostButNotNearlyAllPeriodsOnABusyHostItFellShortAndIsDisturbed() {
        // as seen in the bench's disturbance phase: 0.462 cores at cpus 0.5, throttled in 87 % of periods
        Contention c = Contention.of(seconds(0.462, 1.2, 0.87, 0.6, 1.3), true);
        assertTrue(c.runQueueWaitRatio() >= Contention.DISTURBED_WAIT_RATIO, c.toString());
        assertTrue(c.disturbed(), c.toString());
    }

    @Test
    void waitingOnItsOwnThreadsOnAnIdleHostIsNotTheHosts() {
        // four threads on two idle cores queue behind each other
        Contention c = Contention.of(seconds(2.0, 2.0, 0, 0, 2.05), true);
        assertTrue(c.runQueueWaitRatio() >= Contention.DISTURBED_WAIT_RATIO);
        assertFalse(c.disturbed());
    }

    @Test
    void aTrialWithoutACpuFigureIsNeverDisturbed() {
        assertFalse(Contention.of(seconds(0.27, 1.73, 0, 0, 2.0), false).disturbed());
    }

    @Test
    void noSchedulingFiguresNoContention() {
        List<StatsSample> plain = List.of(new StatsSample(T0, 0, 0, 0, 0, 0, null, 0, null, null, null),
                new StatsSample(T0.plusSeconds(1), S, 0, 0, 0, 0, null, 0, null, null, null));
        assertNull(Contention.of(plain, true));
    }
}
