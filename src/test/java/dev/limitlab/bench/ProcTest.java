package dev.limitlab.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcTest {
    @Test
    void loadAverageIsTheFirstFieldOfLoadavg() {
        assertEquals(1.34, Proc.loadAverage("1.34 2.28 4.08 3/181 16181\n"));
    }

    @Test
    void refusesALoadavgThatIsNotOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Proc.loadAverage("busy"));
        assertTrue(e.getMessage().contains("\"busy\""), e.getMessage());
    }

    @Test
    void cpuTicksAreUtimePlusStime() {
        // a real line of /proc/PID/stat: utime 1517, stime 312
        String stat = "16181 (java) S 1 16181 16181 0 -1 4194560 51231 0 3 0 1517 312 0 0 20 0 37 0 8723 "
                + "4016312320 75890 18446744073709551615 1 1 0 0 0 0 0 0 16800975 0 0 0 17 1 0 0 0 0 0\n";
        assertEquals(1517 + 312, Proc.cpuTicks(stat));
    }

    @Test
    void countsFieldsAfterACommandNameWithSpacesAndParentheses() {
        String stat = "42 (a (b) c) R 1 42 42 0 -1 0 0 0 0 0 7 5 0 0 20 0 1 0 100 0 0\n";
        assertEquals(12, Proc.cpuTicks(stat));
    }

    @Test
    void refusesATruncatedStatLine() {
        assertThrows(IllegalArgumentException.class, () -> Proc.cpuTicks("42 (java) R 1 42"));
    }

    @Test
    void hostBusyTicksLeaveOutIdleAndIowait() {
        String stat = "cpu  768124 17 102817 487745 2568 0 1316 5566 0 0\ncpu0 384062 8 51408 243872 1284 0 658 2783 0 0\n";
        assertEquals(768124 + 17 + 102817 + 1316 + 5566, Proc.hostBusyTicks(stat));
    }

    @Test
    void refusesAProcStatWithoutTheCpuLine() {
        assertThrows(IllegalArgumentException.class, () -> Proc.hostBusyTicks("intr 1 2 3\n"));
        assertThrows(IllegalArgumentException.class, () -> Proc.hostBusyTicks("cpu  1 2 3\n"));
    }

    @Test
    void clockTicksComeFromAtClktckOfTheAuxiliaryVector() {
        assertEquals(250, Proc.clockTicksPerSecond(auxv(6, 4096, 17, 250, 0, 0)));
    }

    @Test
    void clockTicksDefaultTo100WithoutAtClktck() {
        assertEquals(100, Proc.clockTicksPerSecond(auxv(6, 4096, 0, 0, 17, 250)), "nothing is read past AT_NULL");
        assertEquals(100, Proc.clockTicksPerSecond(new byte[0]));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisProcessAndTheHost() {
        long before = Proc.selfCpuNanos();
        long spin = 0;
        for (long end = System.nanoTime() + 50_000_000L; System.nanoTime() < end; ) {
            spin++;
        }
        assertTrue(spin > 0 && Proc.selfCpuNanos() >= before);
        assertTrue(Proc.loadAverage() >= 0);
        assertTrue(Proc.hostBusyNanos() > 0);
    }

    private static byte[] auxv(long... words) {
        ByteBuffer buffer = ByteBuffer.allocate(words.length * 8).order(ByteOrder.nativeOrder());
        for (long word : words) {
            buffer.putLong(word);
        }
        return buffer.array();
    }
}
