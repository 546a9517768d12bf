package dev.limitlab.engine;

import dev.limitlab.metrics.StatsSample;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulingReaderTest {
    /** /proc/stat and two threads' schedstat, recorded on a 2-core Debian 12 host. */
    private static Path recordedProc() throws URISyntaxException {
        return Path.of(SchedulingReaderTest.class.getResource("/scheduling/proc/stat").toURI()).getParent();
    }

    @Test
    void hostBusyIsUserNiceSystemIrqSoftirqAndStealTicksInNanoseconds() {
        long busy = SchedulingReader.hostBusyNs("cpu  1237589 0 146206 923769 2925 0 8555 1955 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n");
        assertEquals((1237589L + 0 + 146206 + 0 + 8555 + 1955) * SchedulingReader.NS_PER_TICK, busy);
    }

    @Test
    void runQueueDelayIsTheSecondSchedstatField() {
        assertEquals(10679888L, SchedulingReader.runDelayNs("194223365 10679888 576\n"));
    }

    @Test
    void waitSumsEachThreadsIncreaseAndKeepsWhatAnEndedThreadWaited() {
        SchedulingReader reader = new SchedulingReader(Path.of("/nonexistent"));
        assertEquals(300, reader.accumulate(Map.of(1L, 100L, 2L, 200L)));
        // thread 2 ended after waiting 50 ns more; thread 3 was born and waited 70 ns
        assertEquals(300 + 10 + 70, reader.accumulate(Map.of(1L, 110L, 3L, 70L)));
        // a reused id that starts from zero adds what it has, never a negative
        assertEquals(380 + 5, reader.accumulate(Map.of(1L, 5L, 3L, 70L)));
    }

    @Test
    void readsRecordedThreadsAndHost() throws URISyntaxException {
        SchedulingReader reader = new SchedulingReader(recordedProc());
        StatsSample.Scheduling reading = reader.read(List.of(4242L, 4243L, 9999L)).orElseThrow();
        assertEquals(10679888L + 111711L, reading.runQueueWaitNs()); // 9999 has no schedstat: gone, skipped
        assertEquals((1237589L + 146206 + 8555 + 1955) * SchedulingReader.NS_PER_TICK, reading.hostBusyNs());
    }

    @Test
    void noProcfsNoReading() {
        assertTrue(new SchedulingReader(Path.of("/nonexistent")).read(List.of(1L)).isEmpty());
    }
}
