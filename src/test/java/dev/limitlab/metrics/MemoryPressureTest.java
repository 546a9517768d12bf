package dev.limitlab.metrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryPressureTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** 100 ms readings: failcnt rises in readings [hitFrom, hitTo), major faults rise by {@code faultsPerReading} there. */
    static List<StatsSample> readings(int count, int hitFrom, int hitTo, long faultsPerReading) {
        List<StatsSample> samples = new ArrayList<>();
        long failcnt = 0, faults = 0;
        for (int i = 0; i < count; i++) {
            if (i >= hitFrom && i < hitTo) {
                failcnt += 40;
                faults += faultsPerReading;
            }
            samples.add(new StatsSample(T0.plusMillis(100L * i), 1_000_000L * i, 0, 0, 0, 0, null, 0, null, failcnt, 0L)
                    .withReclaim(new StatsSample.Reclaim(faults, null)));
        }
        return samples;
    }

    @Test
    void fiveSecondsAtTheLimitReadingPagesBackIsThrashing() {
        MemoryPressure p = MemoryPressure.of(readings(100, 20, 70, 30));
        assertEquals(5.0, p.secondsAtLimit(), 1e-9);
        assertEquals(50 * 30, p.majorFaults());
        assertNull(p.pressureSeconds());
        assertTrue(p.thrashing());
    }

    @Test
    void aPageCacheFillingUpWithoutFaultsIsNotThrashing() {
        MemoryPressure p = MemoryPressure.of(readings(100, 20, 70, 0));
        assertEquals(5.0, p.secondsAtLimit(), 1e-9);
        assertFalse(p.thrashing());
    }

    @Test
    void aShortStayOnTheWayToAnOomKillIsNotThrashing() {
        assertFalse(MemoryPressure.of(readings(100, 20, 30, 100)).thrashing());
    }

    @Test
    void cgroupV2HighEventsAndPressureCount() {
        List<StatsSample> samples = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            samples.add(new StatsSample(T0.plusMillis(100L * i), 1_000_000L * i, 0, 0, 0, 0, null, 0, null, 0L, 0L, null,
                    new StatsSample.Pressure(0, 0, 20_000L * i, 0))
                    .withReclaim(new StatsSample.Reclaim(100L * i, (long) i)));
        }
        MemoryPressure p = MemoryPressure.of(samples);
        assertEquals(4.0, p.secondsAtLimit(), 1e-9);
        assertEquals(0.8, p.pressureSeconds(), 1e-9);
        assertTrue(p.thrashing());
    }
}
