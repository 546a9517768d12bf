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

    /**
     * As seen on cgroup v1 with --memory-swap equal to --memory: failcnt stays 0 while usage sits just under the
     * limit for {@code atLimit} of {@code count} 100 ms readings, {@code refaultsPerReading} pages coming back in each.
     */
    static List<StatsSample> usageUnderTheLimit(int count, int atLimit, long gapBytes, long refaultsPerReading) {
        long limit = 128L << 20;
        List<StatsSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long usage = i < count - atLimit ? limit / 2 : limit - gapBytes;
            samples.add(new StatsSample(T0.plusMillis(100L * i), 1_000_000L * i, 0, 0, 0, usage, null, usage, null, 0L, 0L)
                    .withReclaim(new StatsSample.Reclaim(2L * i, null, refaultsPerReading * i, limit)));
        }
        return samples;
    }

    @Test
    void usageWithinTheMarginOfTheLimitIsAtTheLimitThoughFailcntStaysZero() {
        MemoryPressure p = MemoryPressure.of(usageUnderTheLimit(60, 40, 800 << 10, 3000));
        assertEquals(4.0, p.secondsAtLimit(), 1e-9);
        assertEquals(59 * 3000L, p.refaultedPages());
        assertTrue(p.thrashing(), "3000 pages a reading came back, with 20 major faults a second (readahead): " + p);
    }

    @Test
    void usageFurtherBelowTheLimitIsNotAtIt() {
        MemoryPressure p = MemoryPressure.of(usageUnderTheLimit(60, 40, MemoryPressure.LIMIT_MARGIN_BYTES + 4096, 3000));
        assertEquals(0.0, p.secondsAtLimit(), 1e-9);
        assertFalse(p.thrashing());
    }

    @Test
    void atTheLimitWithoutPagesComingBackIsNotThrashing() {
        assertFalse(MemoryPressure.of(usageUnderTheLimit(60, 40, 0, 0)).thrashing());
    }

    @Test
    void anUnlimitedCgroupIsNeverAtItsLimit() {
        List<StatsSample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(new StatsSample(T0.plusMillis(100L * i), 1_000_000L * i, 0, 0, 0, Long.MAX_VALUE - 4096, null, 0, null, 0L, 0L)
                    .withReclaim(new StatsSample.Reclaim(1000L * i, null, 1000L * i, Long.MAX_VALUE)));
        }
        assertEquals(0.0, MemoryPressure.of(samples).secondsAtLimit(), 1e-9);
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
