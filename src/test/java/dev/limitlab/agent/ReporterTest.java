package dev.limitlab.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReporterTest {

    @Test
    void nextTickStaysOnTheOriginalGridAndSkipsMissedTicks() {
        assertEquals(200, Reporter.nextTick(100, 100, 100));  // on time
        assertEquals(200, Reporter.nextTick(100, 100, 150));  // a little late
        assertEquals(500, Reporter.nextTick(100, 100, 430));  // descheduled for three ticks
        assertEquals(300, Reporter.nextTick(100, 100, 200));  // exactly on the next tick: the one after
    }

    @Test
    void sleepUntilNeverReturnsEarly() {
        long deadline = System.nanoTime() + 30_000_000;
        Reporter.sleepUntil(deadline);
        assertTrue(System.nanoTime() >= deadline);
    }
}
