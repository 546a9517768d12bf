package dev.limitlab.metrics;

/**
 * What one trial measured. Null means "not measured" (e.g. no CPU limit, so no CFS periods; no stats
 * frame before the container died), never zero by default.
 *
 * @param cpuUsedCores              mean CPU used over the sampled intervals, in cores
 * @param cpuUsedP95Cores           95th percentile of CPU used per interval, in cores
 * @param throttledPeriodsRatio     throttled periods / periods, 0..1
 * @param throttledSecondsPerSecond time throttled per second of wall time
 * @param memoryPeakBytes           high-water mark of the container's memory usage
 * @param workingSetPeakBytes       highest working set (usage minus inactive file cache)
 * @param oomKills                  OOM kills in the container, including of processes other than PID 1
 * @param restarts                  restarts by the restart policy
 * @param lastExitCode              exit code of the container's last run (null if it never exited)
 * @param throughputOpsPerSec       the workload's mean throughput, as the agent reported it
 * @param workloadMemoryPeakBytes   the largest resident memory the agent reported reaching
 * @param statsSamples              number of stats frames the figures come from
 */
public record TrialMetrics(Double cpuUsedCores, Double cpuUsedP95Cores, Double throttledPeriodsRatio,
                           Double throttledSecondsPerSecond, Long memoryPeakBytes, Long workingSetPeakBytes,
                           int oomKills, int restarts, Integer lastExitCode, Double throughputOpsPerSec,
                           Long workloadMemoryPeakBytes, int statsSamples) {
}
