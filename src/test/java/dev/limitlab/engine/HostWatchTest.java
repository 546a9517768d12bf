package dev.limitlab.engine;

import dev.limitlab.metrics.IsolationRun.HostReadings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostWatchTest {
    @TempDir
    Path proc;

    private void host(long availableKb, int tasks) throws Exception {
        Files.writeString(proc.resolve("meminfo"), "MemTotal: 8000000 kB\nMemAvailable: " + availableKb + " kB\n");
        Files.writeString(proc.resolve("loadavg"), "1.50 1.20 1.00 2/" + tasks + " 4242\n");
    }

    /** A watch that reads only when told: its ticker's period is far longer than the test. */
    private HostWatch watch(long floorBytes) {
        return new HostWatch(proc, floorBytes, Duration.ofHours(1));
    }

    @Test
    void judgesTheHostsTasksAgainstTheCountWhenTheAggressorStartedPlusItsAllowance() throws Exception {
        host(4_000_000, 200);
        try (HostWatch watch = watch(256L << 20)) {
            assertNull(watch.readings().tasksBounded(), "no bound before the aggressor");
            watch.boundTasks(64 + 256);
            host(4_000_000, 500);
            watch.read();
            HostReadings within = watch.readings();
            assertEquals(200, within.tasksBefore());
            assertEquals(520, within.taskBound());
            assertTrue(within.tasksBounded());

            host(4_000_000, 521);
            watch.read();
            assertFalse(watch.readings().tasksBounded());
            assertEquals(521, watch.readings().highestTasks());
        }
    }

    @Test
    void firesOnceWhenFreeMemoryFallsBelowTheFloor() throws Exception {
        host(4_000_000, 200);
        int[] fired = {0};
        try (HostWatch watch = watch(256L << 20)) {
            watch.onFloor(() -> fired[0]++);
            host(100_000, 200); // 97 MiB
            watch.read();
            watch.read();
            assertEquals(1, fired[0]);
            assertTrue(watch.tripped().contains("below the floor of 256 MiB"), watch.tripped());
            assertEquals(100_000L * 1024, watch.readings().lowestFreeMemoryBytes());
        }
    }
}
