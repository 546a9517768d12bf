package dev.limitlab.metrics;

import java.time.Duration;
import java.util.List;

/**
 * CPU the host did not give a trial: run.json's {@code trials[].metrics.contention}. Only the direct cgroup
 * sampler measures it (null otherwise).
 *
 * @param runQueueWaitRatio   the share of its runnable time the container's threads spent waiting for a CPU for
 *                            reasons other than their own limit: run-queue wait less throttled time, over that
 *                            wait plus the CPU time used, 0..1
 * @param hostBusyCores       CPU the host spent outside the container, in cores (other processes, other
 *                            containers, limitlab itself, the kernel)
 * @param runQueueWaitSeconds that wait, in thread-seconds over the measured window
 * @param disturbed           the wait ratio reached {@link #DISTURBED_WAIT_RATIO} while the host was busy outside the
 *                            container by at least {@link #DISTURBED_HOST_BUSY_CORES} and its limit held it back in
 *                            fewer than {@link #HELD_BY_LIMIT} of its CFS periods: the trial's CPU figures say more
 *                            about the host than about the limit
 */
public record Contention(double runQueueWaitRatio, double hostBusyCores, double runQueueWaitSeconds, boolean disturbed) {
    /** At or above this wait ratio a trial waited too long for a CPU to measure its limit. */
    public static final double DISTURBED_WAIT_RATIO = 0.35;
    /**
     * A container whose threads outnumber the host's CPUs waits on itself; only when the host was busy outside it as
     * well is the wait the host's doing.
     */
    public static final double DISTURBED_HOST_BUSY_CORES = 0.25;
    /**
     * A container throttled in this share of its periods or more got all its limit allows, however long its
     * threads queued (the wait of threads queued behind an exhausted quota is only partly its throttled time). A
     * period it was throttled in gave it its whole quota; one it was not may have given it nothing, so only this
     * share keeps its CPU within 3 % of its limit. Seen here (bench disturbance phase, other builds on the host):
     * two busy threads throttled in 87 % and 90 % of their periods got 0.924 and 0.946 of their limit; in 99 % and
     * 100 %, 0.995 and 0.999.
     */
    public static final double HELD_BY_LIMIT = 0.97;

    /**
     * From the readings of the measured window, in time order; null when fewer than two carry scheduling figures.
     * {@code cpuMatters}: the trial has a figure the host's CPU decides (a CPU limit, or a throughput); a memory
     * workload without either is never disturbed, however long it queued.
     */
    static Contention of(List<StatsSample> window, boolean cpuMatters) {
        long waitNs = 0, hostNs = 0, cpuNs = 0, throttledNs = 0, wallNs = 0, periods = 0, throttledPeriods = 0;
        StatsSample prev = null;
        for (StatsSample cur : window) {
            if (cur.scheduling() == null) {
                continue;
            }
            if (prev != null && cur.cpuTotalNs() >= prev.cpuTotalNs()) { // an interval across a restart is dropped
                long dWall = Duration.between(prev.read(), cur.read()).toNanos();
                if (dWall > 0) {
                    wallNs += dWall;
                    cpuNs += cur.cpuTotalNs() - prev.cpuTotalNs();
                    throttledNs += Math.max(0, cur.throttledTimeNs() - prev.throttledTimeNs());
                    periods += Math.max(0, cur.periods() - prev.periods());
                    throttledPeriods += Math.max(0, cur.throttledPeriods() - prev.throttledPeriods());
                    waitNs += Math.max(0, cur.scheduling().runQueueWaitNs() - prev.scheduling().runQueueWaitNs());
                    hostNs += Math.max(0, cur.scheduling().hostBusyNs() - prev.scheduling().hostBusyNs());
                }
            }
            prev = cur;
        }
        if (wallNs <= 0) {
            return null;
        }
        long notItsLimit = Math.max(0, waitNs - throttledNs);
        double ratio = notItsLimit + cpuNs > 0 ? (double) notItsLimit / (notItsLimit + cpuNs) : 0;
        double hostBusy = Math.max(0, hostNs - cpuNs) / (double) wallNs;
        boolean heldByLimit = periods > 0 && (double) throttledPeriods / periods >= HELD_BY_LIMIT;
        return new Contention(ratio, hostBusy, notItsLimit / 1e9,
                cpuMatters && ratio >= DISTURBED_WAIT_RATIO && hostBusy >= DISTURBED_HOST_BUSY_CORES && !heldByLimit);
    }
}
