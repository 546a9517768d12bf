package dev.limitlab.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A metric a {@code regression:} block can check, by the key scenarios spell it with, and the name the same
 * figure has in run.json ({@code trials[].metrics}, {@code configurations[].metrics}).
 */
public enum RegressionMetric {
    THROUGHPUT("throughput", "throughputOpsPerSec", Unit.OPS_PER_SECOND),
    THROTTLED_RATIO("throttled-ratio", "throttledPeriodsRatio", Unit.RATIO),
    MEMORY_PEAK("memory-peak", "memoryPeakBytes", Unit.BYTES),
    WORKING_SET("working-set", "workingSetPeakBytes", Unit.BYTES),
    OOM_KILLS("oom-kills", "oomKills", Unit.COUNT),
    RESTARTS("restarts", "restarts", Unit.COUNT),
    CPU_USED("cpu-used", "cpuUsedCores", Unit.CORES),
    PIDS_PEAK("pids-peak", "pidsPeak", Unit.COUNT),
    SCORE("score", "score", Unit.SCORE);

    /** How a metric's values are counted, which decides the tolerances it takes and how it is shown. */
    public enum Unit { OPS_PER_SECOND, RATIO, BYTES, COUNT, CORES, SCORE }

    private final String key;
    private final String runJsonName;
    private final Unit unit;

    RegressionMetric(String key, String runJsonName, Unit unit) {
        this.key = key;
        this.runJsonName = runJsonName;
        this.unit = unit;
    }

    /** As scenarios, baselines and history.csv spell it, e.g. {@code throughput}. */
    public String key() {
        return key;
    }

    /** As run.json spells it, e.g. {@code throughputOpsPerSec}. */
    public String runJsonName() {
        return runJsonName;
    }

    public Unit unit() {
        return unit;
    }

    public static Optional<RegressionMetric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(RegressionMetric::key).toList();
    }
}
