package dev.limitlab.metrics;

import java.time.Duration;
import java.util.List;

/**
 * Time a trial spent at its memory limit with the kernel reclaiming instead of killing: run.json's
 * {@code trials[].metrics.memoryPressure}. Only the direct cgroup sampler measures it (null otherwise).
 *
 * @param secondsAtLimit  wall time of the sampling intervals that ended at the limit: usage within
 *                        {@link #LIMIT_MARGIN_BYTES} of it, or a limit counter rose (v1 {@code memory.failcnt} or
 *                        {@code memory.memsw.failcnt}, v2 {@code memory.events} {@code max} or {@code high}). Usage is
 *                        what counts on v1: there, with {@code --memory-swap} equal to {@code --memory}, a charge fails
 *                        on memory+swap first, whose failcnt 6.x kernels do not keep
 * @param majorFaults     faults that read pages back from disk over the trial ({@code memory.stat}), counted across
 *                        the container's restarts; one fault may read many pages (readahead)
 * @param refaultedPages  pages read back soon after reclaim dropped them ({@code memory.stat}
 *                        {@code workingset_refault_file} and {@code _anon}); null when the kernel counts none
 * @param pressureSeconds time some of its tasks stalled on memory (v2 {@code memory.pressure} some; null on v1)
 * @param thrashing       at the limit for at least {@link #THRASHING_SECONDS} while, per second of that, at least
 *                        {@link #THRASHING_MAJOR_FAULTS_PER_SECOND} major faults or
 *                        {@link #THRASHING_REFAULTS_PER_SECOND} refaulted pages came back: the limit is too small,
 *                        though nothing may have been killed
 */
public record MemoryPressure(double secondsAtLimit, long majorFaults, Long refaultedPages, Double pressureSeconds,
                             boolean thrashing) {
    /** Shorter stays at the limit are a workload touching it on its way to an OOM kill or a page cache filling up. */
    public static final double THRASHING_SECONDS = 3.0;
    /** Reclaim that brings few pages back is page cache the workload does not need again. */
    public static final double THRASHING_MAJOR_FAULTS_PER_SECOND = 50.0;
    /** 1 MiB/s of 4 KiB pages read again soon after they were dropped: the workload does need them. */
    public static final double THRASHING_REFAULTS_PER_SECOND = 256.0;
    /**
     * How close below its limit a cgroup under reclaim reads: the kernel charges and reclaims in batches (64 pages
     * per CPU), so usage sits a little under the limit. Seen here, a trial thrashing at 128m read 0 to 0.8 MiB below.
     */
    public static final long LIMIT_MARGIN_BYTES = 2L << 20;

    /** From all of a trial's readings (warm-up included, as every memory figure), in time order. */
    static MemoryPressure of(List<StatsSample> samples) {
        double atLimitNs = 0;
        long majorFaults = 0;
        Long refaulted = null;
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
                majorFaults += rise(cur.reclaim().majorFaults(), prev.reclaim().majorFaults(), restarted);
                if (cur.reclaim().refaultedPages() != null) {
                    refaulted = (refaulted == null ? 0 : refaulted)
                            + rise(cur.reclaim().refaultedPages(), prev.reclaim().refaultedPages(), restarted);
                }
                if (!restarted && dWall > 0 && (atLimit(cur) || limitHits(cur) > limitHits(prev))) {
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
        boolean pagesCameBack = majorFaults >= THRASHING_MAJOR_FAULTS_PER_SECOND * seconds
                || refaulted != null && refaulted >= THRASHING_REFAULTS_PER_SECOND * seconds;
        return new MemoryPressure(seconds, majorFaults, refaulted, pressureUsec == null ? null : pressureUsec / 1e6,
                seconds >= THRASHING_SECONDS && pagesCameBack);
    }

    /** What came back from disk, for notes and evidence: {@code 503 major faults, 71680 pages refaulted}. */
    public String readBack() {
        return majorFaults + " major faults" + (refaultedPages == null ? "" : ", " + refaultedPages + " pages refaulted");
    }

    /** A counter's rise between two readings; after a restart the counter began again at 0. */
    private static long rise(Long cur, Long prev, boolean restarted) {
        return Math.max(0, count(cur) - (restarted ? 0 : count(prev)));
    }

    private static boolean atLimit(StatsSample sample) {
        Long limit = sample.reclaim().limitBytes();
        return limit != null && limit < Long.MAX_VALUE / 2 && sample.memoryUsageBytes() >= limit - LIMIT_MARGIN_BYTES;
    }

    private static long limitHits(StatsSample sample) {
        return count(sample.memoryFailcnt()) + count(sample.reclaim().highEvents());
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }
}
