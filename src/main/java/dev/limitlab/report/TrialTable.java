package dev.limitlab.report;

import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Sizes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's table, one row per trial: configuration, CPU used, throttled periods, peak memory, OOM kills,
 * restarts and last exit code. Rows can be printed one by one as trials finish. "-" means not measured.
 */
public final class TrialTable {
    private static final String FORMAT = "%3s  %-12s %-34s %9s %10s %10s %4s %8s %6s  %s";

    private TrialTable() {
    }

    public static String header() {
        return String.format(Locale.ROOT, FORMAT, "#", "experiment", "configuration", "cpu used", "throttled",
                "peak mem", "oom", "restarts", "exit", "notes");
    }

    public static String row(TrialResult trial) {
        TrialMetrics m = trial.metrics();
        return String.format(Locale.ROOT, FORMAT,
                trial.trial(),
                trial.experiment(),
                configuration(trial.limits()) + (trial.repeat() > 1 ? " #" + trial.repeat() : ""),
                m == null || m.cpuUsedCores() == null ? "-" : String.format(Locale.ROOT, "%.2f", m.cpuUsedCores()),
                m == null || m.throttledPeriodsRatio() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * m.throttledPeriodsRatio()),
                m == null || m.memoryPeakBytes() == null ? "-" : mebibytes(m.memoryPeakBytes()),
                m == null ? "-" : Integer.toString(m.oomKills()),
                m == null ? "-" : Integer.toString(m.restarts()),
                m == null || m.lastExitCode() == null ? "-" : Integer.toString(m.lastExitCode()),
                notes(trial));
    }

    public static List<String> render(List<TrialResult> trials) {
        List<String> lines = new ArrayList<>();
        lines.add(header());
        trials.forEach(t -> lines.add(row(t)));
        return lines;
    }

    /** The configuration as docker CLI flags would name it, shortest first: {@code cpus=0.5 memory=128m}. */
    public static String configuration(TrialLimits limits) {
        return limits.label();
    }

    private static String notes(TrialResult trial) {
        List<String> notes = new ArrayList<>();
        if (trial.error() != null) {
            notes.add("error: " + trial.error());
        }
        TrialMetrics m = trial.metrics();
        if (m != null && m.throughputOpsPerSec() != null) {
            notes.add(String.format(Locale.ROOT, "%.3g ops/s", m.throughputOpsPerSec()));
        }
        if (m != null && m.workloadMemoryPeakBytes() != null) {
            notes.add("reached " + mebibytes(m.workloadMemoryPeakBytes()));
        }
        if (TrialResult.EXITED.equals(trial.endReason())) {
            notes.add("exited");
        }
        return String.join(", ", notes);
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
