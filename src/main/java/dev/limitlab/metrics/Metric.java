package dev.limitlab.metrics;

import dev.limitlab.format.Notation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The catalogue of the figures summarised across repeats: for each, the name run.json gives it, how it is read
 * from a trial's {@link TrialMetrics}, its unit and notation, the title reports give it, and the key a
 * {@code regression:} block checks it by. Aggregation, reports, regression checks and recommendation rules
 * all take their metrics from here. Declared in the order reports show them.
 */
public enum Metric {
    CPU_USED("cpuUsedCores", "cpu used", Unit.CORES, TrialMetrics::cpuUsedCores, new Check("cpu-used", 7)),
    CPU_P95("cpuUsedP95Cores", "cpu p95", Unit.CORES, TrialMetrics::cpuUsedP95Cores, null),
    THROTTLED("throttledPeriodsRatio", "throttled", Unit.RATIO, TrialMetrics::throttledPeriodsRatio,
            new Check("throttled-ratio", 2)),
    THROTTLED_TIME("throttledSecondsPerSecond", "throttled s/s", Unit.SECONDS_PER_SECOND,
            TrialMetrics::throttledSecondsPerSecond, null),
    MEMORY_PEAK("memoryPeakBytes", "peak mem", Unit.BYTES, TrialMetrics::memoryPeakBytes, new Check("memory-peak", 3)),
    WORKING_SET("workingSetPeakBytes", "working set", Unit.BYTES, TrialMetrics::workingSetPeakBytes,
            new Check("working-set", 4)),
    PIDS("pidsPeak", "pids", Unit.COUNT, TrialMetrics::pidsPeak, new Check("pids-peak", 8)),
    OOM_KILLS("oomKills", "oom", Unit.COUNT, TrialMetrics::oomKills, new Check("oom-kills", 5)),
    RESTARTS("restarts", "restarts", Unit.COUNT, TrialMetrics::restarts, new Check("restarts", 6)),
    // A service's throughput is its successful responses per second, as its load driver counted them.
    THROUGHPUT("throughputOpsPerSec", "ops/s", Unit.OPS_PER_SECOND,
            m -> m.throughputOpsPerSec() != null ? m.throughputOpsPerSec() : m.load() == null ? null : m.load().throughputPerSec(),
            new Check("throughput", 1)),
    SCORE("score", "score", Unit.SCORE, m -> m.workload() == null ? null : m.workload().score(), new Check("score", 9)),
    REACHED("workloadMemoryPeakBytes", "reached", Unit.BYTES, TrialMetrics::workloadMemoryPeakBytes, null),
    LATENCY_P50("latencyP50Ms", "p50", Unit.MILLISECONDS, m -> latency(m, LoadMetrics.Percentile.P50), new Check("latency-p50", 10)),
    LATENCY_P90("latencyP90Ms", "p90", Unit.MILLISECONDS, m -> latency(m, LoadMetrics.Percentile.P90), new Check("latency-p90", 11)),
    LATENCY_P99("latencyP99Ms", "p99", Unit.MILLISECONDS, m -> latency(m, LoadMetrics.Percentile.P99), new Check("latency-p99", 12)),
    LATENCY_P999("latencyP999Ms", "p99.9", Unit.MILLISECONDS, m -> latency(m, LoadMetrics.Percentile.P999),
            new Check("latency-p999", 13)),
    // The largest latency of the window: one request's, so reported but never checked.
    LATENCY_MAX("latencyMaxMs", "max", Unit.MILLISECONDS, m -> m.load() == null || m.load().latencyMs() == null ? null
            : m.load().latencyMs().max(), null),
    ERROR_RATE("errorRatio", "errors", Unit.RATIO, m -> m.load() == null ? null : m.load().errorRatio(), new Check("error-rate", 14)),
    OFFERED_RATE("offeredRatePerSec", "offered req/s", Unit.OPS_PER_SECOND, m -> m.load() == null ? null : m.load().offeredRate(),
            null),
    ACHIEVED_RATE("achievedRatePerSec", "achieved req/s", Unit.OPS_PER_SECOND,
            m -> m.load() == null ? null : m.load().achievedRate(), null);

    /** The latency metric of one percentile. */
    public static Metric latency(LoadMetrics.Percentile percentile) {
        return switch (percentile) {
            case P50 -> LATENCY_P50;
            case P90 -> LATENCY_P90;
            case P99 -> LATENCY_P99;
            case P999 -> LATENCY_P999;
        };
    }

    private static Double latency(TrialMetrics metrics, LoadMetrics.Percentile percentile) {
        return metrics.load() == null ? null : metrics.load().latency(percentile);
    }

    /** The metrics a {@code regression:} block can check, in the order checks are made and listed (throughput first). */
    public static final List<Metric> CHECKABLE = Arrays.stream(values()).filter(Metric::isCheckable)
            .sorted(Comparator.comparingInt(m -> m.check.position())).toList();

    /** How a metric's values are counted: this decides its notation, the tolerances it takes and how it is charted. */
    public enum Unit {
        CORES(Notation::cores),
        RATIO(Notation::percent),
        SECONDS_PER_SECOND(v -> String.format(Locale.ROOT, "%.3f", v)),
        BYTES(Notation::mebibytes),
        COUNT(Unit::count),
        OPS_PER_SECOND(Notation::rate),
        SCORE(Notation::rate),
        MILLISECONDS(Notation::millis);

        private final DoubleFunction<String> notation;

        Unit(DoubleFunction<String> notation) {
            this.notation = notation;
        }

        /** Counts averaged over repeats may be fractional: {@code 2}, {@code 0.5}. */
        private static String count(double value) {
            return Notation.plain(Math.round(value * 100) / 100.0);
        }
    }

    /** A metric's regression check: its key in scenarios, baselines and history.csv, and its place among the checks. */
    private record Check(String key, int position) {
    }

    private final String jsonName;
    private final String title;
    private final Unit unit;
    private final Function<TrialMetrics, Number> reading;
    private final Check check;

    Metric(String jsonName, String title, Unit unit, Function<TrialMetrics, Number> reading, Check check) {
        this.jsonName = jsonName;
        this.title = title;
        this.unit = unit;
        this.reading = reading;
        this.check = check;
    }

    /** As run.json spells it ({@code trials[].metrics}, {@code configurations[].metrics}), e.g. {@code throughputOpsPerSec}. */
    public String jsonName() {
        return jsonName;
    }

    /** The column title reports give it, e.g. {@code ops/s}. */
    public String title() {
        return title;
    }

    public Unit unit() {
        return unit;
    }

    /** Its value in one trial, null when the trial did not measure it. */
    public Double of(TrialMetrics metrics) {
        Number value = reading.apply(metrics);
        return value == null ? null : value.doubleValue();
    }

    /** A value in the metric's notation, as every report writes it: {@code 0.50}, {@code 12.3 %}, {@code 17.1 MiB}. */
    public String format(double value) {
        return unit.notation.apply(value);
    }

    public boolean isCheckable() {
        return check != null;
    }

    /** As scenarios, baselines and history.csv spell it, e.g. {@code throughput}; null when it is not checkable. */
    public String regressionKey() {
        return check == null ? null : check.key();
    }

    /** The metric run.json names {@code name}. */
    public static Optional<Metric> byJsonName(String name) {
        return Arrays.stream(values()).filter(m -> m.jsonName.equals(name)).findFirst();
    }

    /** The checkable metric a {@code regression:} block, a baseline or history.csv names {@code key}. */
    public static Optional<Metric> byRegressionKey(String key) {
        return CHECKABLE.stream().filter(m -> m.check.key().equals(key)).findFirst();
    }

    /** The regression keys, in the order checks are made. */
    public static List<String> regressionKeys() {
        return CHECKABLE.stream().map(Metric::regressionKey).toList();
    }
}
