package dev.limitlab.report;

import dev.limitlab.metrics.Spread;
import dev.limitlab.recommend.Notation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;

/** The per-configuration metrics the reports and {@code compare} show, by their name in run.json, with their notation. */
enum Metric {
    CPU_USED("cpuUsedCores", "cpu used", Notation::cores),
    CPU_P95("cpuUsedP95Cores", "cpu p95", Notation::cores),
    THROTTLED("throttledPeriodsRatio", "throttled", Notation::percent),
    THROTTLED_TIME("throttledSecondsPerSecond", "throttled s/s", v -> String.format(Locale.ROOT, "%.3f", v)),
    MEMORY_PEAK("memoryPeakBytes", "peak mem", Notation::mebibytes),
    WORKING_SET("workingSetPeakBytes", "working set", Notation::mebibytes),
    PIDS("pidsPeak", "pids", Metric::count),
    OOM_KILLS("oomKills", "oom", Metric::count),
    RESTARTS("restarts", "restarts", Metric::count),
    THROUGHPUT("throughputOpsPerSec", "ops/s", Notation::rate),
    SCORE("score", "score", Notation::rate),
    REACHED("workloadMemoryPeakBytes", "reached", Notation::mebibytes);

    final String key;
    final String title;
    private final DoubleFunction<String> notation;

    Metric(String key, String title, DoubleFunction<String> notation) {
        this.key = key;
        this.title = title;
        this.notation = notation;
    }

    /** The metric run.json names {@code key}, if the reports know it. */
    static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    String format(double value) {
        return notation.apply(value);
    }

    /** The mean, and the coefficient of variation when repeats give one: {@code 0.50 ±4%}. */
    String format(Spread spread) {
        if (spread == null) {
            return "-";
        }
        return format(spread.mean()) + (spread.cv() == null ? "" : String.format(Locale.ROOT, " ±%.0f%%", 100 * spread.cv()));
    }

    /** Counts averaged over repeats may be fractional: {@code 2}, {@code 0.5}. */
    private static String count(double value) {
        return Notation.plain(Math.round(value * 100) / 100.0);
    }
}
