package dev.limitlab.metrics;

/**
 * What "balanced" means for a scenario's recommendation: its {@code recommend:} block, with these defaults.
 *
 * @param cpuHeadroom       added to the CPU demand (0.15 = 15 %)
 * @param memoryHeadroom    added to the peak working set
 * @param throughputTarget  share of the best throughput a configuration must keep (0.95)
 * @param throttledTarget   largest acceptable share of throttled periods (0.10)
 * @param demandPercentile  percentile of CPU used taken as the demand (0.95)
 * @param defaultRestarts   on-failure:N recommended when no crash experiment ran
 * @param cpuStep           recommended cpus are rounded up to a multiple of this
 * @param memoryStep        recommended memory is rounded up to a multiple of this many bytes
 */
public record RecommendTargets(double cpuHeadroom, double memoryHeadroom, double throughputTarget,
                               double throttledTarget, double demandPercentile, int defaultRestarts,
                               double cpuStep, long memoryStep) {
    public static final RecommendTargets DEFAULTS = new RecommendTargets(0.15, 0.15, 0.95, 0.10, 0.95, 5, 0.05, 16L << 20);
}
