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
 * @param memoryMaxUsageBytes high-water mark of usage (v1 only; null on v2)
 * @param workingSetBytes  usage minus inactive file cache, what the kernel can not easily reclaim
 * @param pids             tasks in the container (null when unknown)
 * @param memoryFailcnt    times usage hit the limit (v1 failcnt; null when not reported)
 * @param oomKillCounter   the cgroup's oom_kill counter (only the direct cgroup reader sees it)
 */
public record StatsSample(Instant read, long cpuTotalNs, long periods, long throttledPeriods, long throttledTimeNs,
                          long memoryUsageBytes, Long memoryMaxUsageBytes, long workingSetBytes, Long pids,
                          Long memoryFailcnt, Long oomKillCounter) {
}
