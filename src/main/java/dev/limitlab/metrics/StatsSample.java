package dev.limitlab.metrics;

import java.time.Instant;

/**
 * One reading of a container's kernel counters, from the engine's stats stream or straight from its
 * cgroup files (v1 or v2).
 * Counters are cumulative since the container's current start and restart from zero on each start.
 *
 * @param read             when the engine read the counters
 * @param cpuTotalNs       CPU time used, all cores, ns
 * @param periods          CFS periods elapsed (0 without a CPU limit)
 * @param throttledPeriods periods in which the quota ran out
 * @param throttledTimeNs  time spent throttled, ns
 * @param memoryUsageBytes current usage (page cache included)
 * @param memoryMaxUsageBytes high-water mark of usage (v1 max_usage_in_bytes, v2 memory.peak; null when not reported)
 * @param workingSetBytes  usage minus inactive file cache, what the kernel can not easily reclaim
 * @param pids             tasks in the container (null when unknown)
 * @param memoryFailcnt    times usage hit the limit (v1 failcnt, plus memsw.failcnt for the cgroup's direct samples;
 *                         null when not reported)
 * @param oomKillCounter   the cgroup's oom_kill counter (only the direct cgroup reader sees it)
 * @param pidsPeak         high-water mark of tasks (v2 pids.peak; null when not reported)
 * @param pressure         the cgroup's pressure stall totals (v2 with PSI; null when not reported)
 * @param scheduling       how long the container's threads waited for a CPU and how busy the host was (the direct
 *                         cgroup reader only; null otherwise)
 * @param reclaim          the memory controller's signs of reclaim: major faults and v2 memory.high events (the
 *                         direct cgroup reader only; null otherwise)
 */
public record StatsSample(Instant read, long cpuTotalNs, long periods, long throttledPeriods, long throttledTimeNs,
                          long memoryUsageBytes, Long memoryMaxUsageBytes, long workingSetBytes, Long pids,
                          Long memoryFailcnt, Long oomKillCounter, Long pidsPeak, Pressure pressure,
                          Scheduling scheduling, Reclaim reclaim) {
    /** A reading without the scheduler's and reclaim's figures. */
    public StatsSample(Instant read, long cpuTotalNs, long periods, long throttledPeriods, long throttledTimeNs,
                       long memoryUsageBytes, Long memoryMaxUsageBytes, long workingSetBytes, Long pids,
                       Long memoryFailcnt, Long oomKillCounter, Long pidsPeak, Pressure pressure) {
        this(read, cpuTotalNs, periods, throttledPeriods, throttledTimeNs, memoryUsageBytes, memoryMaxUsageBytes,
                workingSetBytes, pids, memoryFailcnt, oomKillCounter, pidsPeak, pressure, null, null);
    }

    /** A reading without the v2-only peaks and pressure (the stats stream, cgroup v1). */
    public StatsSample(Instant read, long cpuTotalNs, long periods, long throttledPeriods, long throttledTimeNs,
                       long memoryUsageBytes, Long memoryMaxUsageBytes, long workingSetBytes, Long pids,
                       Long memoryFailcnt, Long oomKillCounter) {
        this(read, cpuTotalNs, periods, throttledPeriods, throttledTimeNs, memoryUsageBytes, memoryMaxUsageBytes,
                workingSetBytes, pids, memoryFailcnt, oomKillCounter, null, null);
    }

    public StatsSample withScheduling(Scheduling value) {
        return new StatsSample(read, cpuTotalNs, periods, throttledPeriods, throttledTimeNs, memoryUsageBytes,
                memoryMaxUsageBytes, workingSetBytes, pids, memoryFailcnt, oomKillCounter, pidsPeak, pressure, value, reclaim);
    }

    public StatsSample withReclaim(Reclaim value) {
        return new StatsSample(read, cpuTotalNs, periods, throttledPeriods, throttledTimeNs, memoryUsageBytes,
                memoryMaxUsageBytes, workingSetBytes, pids, memoryFailcnt, oomKillCounter, pidsPeak, pressure, scheduling, value);
    }

    /**
     * Cumulative CPU-scheduling figures.
     *
     * @param runQueueWaitNs time the container's threads were runnable but not running, summed over its threads
     *                       ({@code /proc/<tid>/schedstat}, second field), its own throttled time included; on
     *                       cgroup v2 with PSI, the {@code some} total of {@code cpu.pressure} instead
     * @param hostBusyNs     CPU time the whole host was busy (user, nice, system, irq, softirq, steal of
     *                       {@code /proc/stat}), all cores, ns
     */
    public record Scheduling(long runQueueWaitNs, long hostBusyNs) {
    }

    /**
     * Cumulative reclaim figures of the container's memory cgroup.
     *
     * @param majorFaults    faults that had to read pages from disk (v1 {@code total_pgmajfault}, v2 {@code pgmajfault});
     *                       one fault may read many pages (readahead)
     * @param highEvents     times usage went over {@code memory.high} (v2 {@code memory.events} high; null on v1)
     * @param refaultedPages pages read back soon after reclaim dropped them ({@code workingset_refault_file} plus
     *                       {@code _anon}, v1 with the {@code total_} prefix; null on kernels without them)
     * @param limitBytes     the limit usage is charged against: v1 the lower of {@code memory.limit_in_bytes} and
     *                       {@code memory.memsw.limit_in_bytes}, v2 the lower of {@code memory.max} and
     *                       {@code memory.high} ({@link Long#MAX_VALUE} when unlimited; null when not read)
     */
    public record Reclaim(Long majorFaults, Long highEvents, Long refaultedPages, Long limitBytes) {
        /** Without refaults or a limit. */
        public Reclaim(Long majorFaults, Long highEvents) {
            this(majorFaults, highEvents, null, null);
        }
    }

    /**
     * Cumulative time, in microseconds, that some (or all: full) of the cgroup's tasks were stalled waiting for
     * CPU or memory: the {@code total=} figures of {@code cpu.pressure} and {@code memory.pressure}.
     */
    public record Pressure(long cpuSomeUsec, long cpuFullUsec, long memorySomeUsec, long memoryFullUsec) {
    }
}
