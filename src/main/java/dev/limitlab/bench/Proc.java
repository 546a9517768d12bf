package dev.limitlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the bench reads from Linux's /proc: the host's load average and busy CPU time (/proc/stat), and the CPU time
 * of its own process (utime + stime of /proc/self/stat). Times are counted in clock ticks of 1/USER_HZ s.
 */
final class Proc {
    /** USER_HZ on every Linux architecture limitlab runs on, when the auxiliary vector does not say. */
    static final int DEFAULT_CLOCK_TICKS = 100;
    private static final long AT_NULL = 0;
    private static final long AT_CLKTCK = 17;
    private static final Path ROOT = Path.of("/proc");

    private Proc() {
    }

    /** The 1-minute load average from the text of /proc/loadavg ({@code 0.42 0.50 0.61 1/123 4567}). */
    static double loadAverage(String loadavg) {
        String[] fields = loadavg.strip().split("\\s+");
        try {
            return Double.parseDouble(fields[0]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException unexpected) {
            throw new IllegalArgumentException("/proc/loadavg: expected \"<1-min> <5-min> <15-min> ...\", got \"" + loadavg.strip() + "\"");
        }
    }

    /**
     * utime + stime, in clock ticks, from the text of /proc/PID/stat. The fields are counted after the last
     * {@code )}, since the command name in parentheses may itself hold spaces and parentheses.
     */
    static long cpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        String[] fields = stat.substring(end + 1).strip().split("\\s+");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15
        if (end < 0 || fields.length < 13) {
            throw new IllegalArgumentException("/proc/self/stat: expected \"pid (comm) state ...\" with at least 15 fields");
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** USER_HZ from an auxiliary vector (/proc/self/auxv: native-endian pairs of words), or 100 when it has none. */
    static int clockTicksPerSecond(byte[] auxv) {
        ByteBuffer words = ByteBuffer.wrap(auxv).order(ByteOrder.nativeOrder());
        while (words.remaining() >= 16) {
            long type = words.getLong();
            long value = words.getLong();
            if (type == AT_CLKTCK && value > 0) {
                return (int) value;
            }
            if (type == AT_NULL) {
                break;
            }
        }
        return DEFAULT_CLOCK_TICKS;
    }

    /** The load average now. */
    static double loadAverage() {
        return loadAverage(read(ROOT.resolve("loadavg")));
    }

    /**
     * The time all CPUs of the host have been busy, in clock ticks, from the text of /proc/stat: its {@code cpu} line's
     * user, nice, system, irq, softirq and steal (guest time is inside user and nice already).
     */
    static long hostBusyTicks(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("/proc/stat: expected a \"cpu \" line"));
        String[] fields = line.substring(4).strip().split("\\s+");
        if (fields.length < 8) {
            throw new IllegalArgumentException("/proc/stat: expected at least 8 figures on the cpu line, got \"" + line + "\"");
        }
        long busy = 0;
        for (int i = 0; i < 8; i++) {
            if (i != 3 && i != 4) { // idle and iowait
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    /** This process's CPU time so far, user and system, in nanoseconds (to the clock tick). */
    static long selfCpuNanos() {
        return nanos(cpuTicks(read(ROOT.resolve("self/stat"))));
    }

    /** The host's busy CPU time so far, every CPU added up, in nanoseconds (to the clock tick). */
    static long hostBusyNanos() {
        return nanos(hostBusyTicks(read(ROOT.resolve("stat"))));
    }

    private static long nanos(long ticks) {
        int hz;
        try {
            hz = clockTicksPerSecond(Files.readAllBytes(ROOT.resolve("self/auxv")));
        } catch (IOException unreadable) {
            hz = DEFAULT_CLOCK_TICKS;
        }
        return ticks * 1_000_000_000L / hz;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (the bench needs Linux's /proc): " + e.getMessage(), e);
        }
    }
}
