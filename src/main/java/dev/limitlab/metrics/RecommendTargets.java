package dev.limitlab.metrics;

import java.util.EnumMap;
import java.util.Map;

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
 * @param latencyMs         a service's latency objective: the most each percentile may take under load, in ms
 *                          ({@code latency-p99: 50ms}); empty for none
 * @param errorRate         a service's largest acceptable share of failed requests (0.001)
 */
public record RecommendTargets(double cpuHeadroom, double memoryHeadroom, double throughputTarget,
                               double throttledTarget, double demandPercentile, int defaultRestarts,
                               double cpuStep, long memoryStep, Map<LoadMetrics.Percentile, Double> latencyMs,
                               double errorRate) {
    public static final double DEFAULT_ERROR_RATE = 0.001;
    /** The share of the offered rate a service must achieve to meet its objective: it kept up with its load. */
    public static final double ACHIEVED_RATE_TARGET = 0.99;
    public static final RecommendTargets DEFAULTS = new RecommendTargets(0.15, 0.15, 0.95, 0.10, 0.95, 5, 0.05, 16L << 20);

    public RecommendTargets {
        latencyMs = latencyMs == null || latencyMs.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(latencyMs));
    }

    /** No latency objective, the default error rate. */
    public RecommendTargets(double cpuHeadroom, double memoryHeadroom, double throughputTarget, double throttledTarget,
                            double demandPercentile, int defaultRestarts, double cpuStep, long memoryStep) {
        this(cpuHeadroom, memoryHeadroom, throughputTarget, throttledTarget, demandPercentile, defaultRestarts, cpuStep,
                memoryStep, Map.of(), DEFAULT_ERROR_RATE);
    }
}
