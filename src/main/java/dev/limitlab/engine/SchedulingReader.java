package dev.limitlab.engine;

import dev.limitlab.metrics.StatsSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads how long a container's threads waited for a CPU and how busy the whole host was, for the direct cgroup
 * sampler. A thread's run-queue delay ({@code /proc/<tid>/schedstat}, second field) is cumulative over its own
 * life, and a thread that ends takes its figure with it, so the wait is kept as a sum of each thread's increases
 * between readings: monotone, and a thread born between two readings adds all it waited.
 */
final class SchedulingReader {
    /** {@code /proc/stat} counts in USER_HZ, which the kernel's ABI fixes at 100 per second. */
    static final long NS_PER_TICK = 10_000_000L;

    private final Path procRoot;
    private final Map<Long, Long> lastRunDelayNs = new HashMap<>();
    private long runQueueWaitNs;

    SchedulingReader(Path procRoot) {
        this.procRoot = procRoot;
    }

    /**
     * One reading for {@code threads}: their summed run-queue wait (schedstat), on cgroup v1 and v2 alike. v2's
     * {@code cpu.pressure} (kept in every sample) is no stand-in: its {@code some} counts wall time in which a thread
     * waited, throttled time included, while {@code throttled_usec} sums the throttled time of each CPU, so the one
     * less the other says nothing (seen in the v2 VM: 0 for a trial throttled at cpus 0.5). Thread-seconds of wait
     * less the per-CPU throttled time are one unit. Empty when {@code /proc/stat} is unreadable (no procfs of this host).
     */
    Optional<StatsSample.Scheduling> read(List<Long> threads) {
        Optional<Long> hostBusy = readText(procRoot.resolve("stat")).map(SchedulingReader::hostBusyNs);
        if (hostBusy.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, Long> delays = new HashMap<>();
        for (long thread : threads) {
            readText(procRoot.resolve(Long.toString(thread)).resolve("schedstat"))
                    .ifPresent(text -> delays.put(thread, runDelayNs(text)));
        }
        return Optional.of(new StatsSample.Scheduling(accumulate(delays), hostBusy.get()));
    }

    /** Adds each thread's increase since its last reading (all of it for a new thread); returns the running sum. */
    long accumulate(Map<Long, Long> runDelayNsByThread) {
        runDelayNsByThread.forEach((thread, delay) -> {
            long before = lastRunDelayNs.getOrDefault(thread, 0L);
            runQueueWaitNs += delay >= before ? delay - before : delay; // a lower figure: a new thread with a reused id
        });
        lastRunDelayNs.keySet().retainAll(runDelayNsByThread.keySet());
        lastRunDelayNs.putAll(runDelayNsByThread);
        return runQueueWaitNs;
    }

    /** {@code <time on CPU ns> <time waiting on a run queue ns> <timeslices>}: the second field. */
    static long runDelayNs(String schedstat) {
        String[] fields = schedstat.strip().split("\\s+");
        if (fields.length < 2) {
            throw new IllegalArgumentException("schedstat has fewer than 2 fields: " + schedstat);
        }
        return Long.parseLong(fields[1]);
    }

    /**
     * The first {@code cpu} line of {@code /proc/stat}: user, nice, system, irq, softirq and steal ticks (guest
     * time is already inside user and nice), as ns over all cores.
     */
    static long hostBusyNs(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("/proc/stat has no cpu line"));
        String[] f = line.substring(4).strip().split("\\s+");
        long busy = 0;
        for (int i : new int[] {0, 1, 2, 5, 6, 7}) { // user nice system [idle iowait] irq softirq steal
            if (i < f.length) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy * NS_PER_TICK;
    }

    private static Optional<String> readText(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }
}
