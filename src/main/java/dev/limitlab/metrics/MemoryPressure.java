package dev.limitlab.metrics;

import java.time.Duration;
import java.util.List;

/**
 * Time a trial spent at its memory limit with the kernel reclaiming instead of killing: run.json's
 * {@code trials[].metrics.memoryPressure}. Only the direct cgroup sampler measures it (null otherwise).
 *
 * @param secondsAtLimit  wall time of the sampling intervals in which the limit was hit (v1 {@code memory.failcnt}
 *                        rose; v2 {@code memory.events} {@code max} or {@code high} rose)
 * @param majorFaults     pages read back from disk over the trial ({@code memory.stat} major faults), counted
 *                        across the container's restarts
 * @param pressureSeconds time some of its tasks stalled on memory (v2 {@code memory.pressure} some; null on v1)
 * @param thrashing       at the limit for at least {@link #THRASHING_SECONDS} while at least
 *                        {@link #THRASHING_MAJOR_FAULTS_PER_SECOND} pages a second came back from disk: the limit is
 *                        too small, though nothing may have been killed
 */
public record MemoryPressure(double secondsAtLimit, long majorFaults, Double pressureSeconds, boolean thrashing) {
    /** Shorter stays at the limit are a workload touching it on its way to an OOM kill or a page cache filling up. */
    public static final double THRASHING_SECONDS = 3.0;
    /** Reclaim that brings few pages back is page cache the workload does not need again. */
    public static final double THRASHING_MAJOR_FAULTS_PER_SECOND = 50.0;

    /** From all of a trial's readings (warm-up included, as every memory figure), in time order. */
    static MemoryPressure of(List<StatsSample> samples) {
        double atLimitNs = 0;
        long majorFaults = 0;
        Double pressureUsec = null;
        boolean reclaimRead = false;
        StatsSample prev = null;
        for (StatsSample cur : samples) {
            if (cur.reclaim() == null) {
                continue;
            }
            reclaimRead = true;
            if (prev != null) {
                long dWall = Duration.between(prev.read(), cur.read()).toNanos();
                boolean restarted = cur.cpuTotalNs() < prev.cpuTotalNs();
                long faults = count(cur.reclaim().majorFaults()) - (restarted ? 0 : count(prev.reclaim().majorFaults()));
                majorFaults += Math.max(0, faults);
                if (!restarted && dWall > 0 && limitHits(cur) > limitHits(prev)) {
                    atLimitNs += dWall;
                }
                if (!restarted && cur.pressure() != null && prev.pressure() != null) {
                    pressureUsec = (pressureUsec == null ? 0 : pressureUsec)
                            + Math.max(0, cur.pressure().memorySomeUsec() - prev.pressure().memorySomeUsec());
                }
            }
            prev = cur;
        }
        if (!reclaimRead) {
            return null;
        }
        double seconds = atLimitNs / 1e9;
        return new MemoryPressure(seconds, majorFaults, pressureUsec == null ? null : pressureUsec / 1e6,
                seconds >= THRASHING_SECONDS && majorFaults >= THRASHING_MAJOR_FAULTS_PER_SECOND * seconds);
    }

    private static long limitHits(StatsSample sample) {
        return count(sample.memoryFailcnt()) + count(sample.reclaim().highEvents());
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }
}
