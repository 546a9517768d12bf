package dev.limitlab.report;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The run's table, one row per trial: configuration, CPU used, throttled periods, peak memory, OOM kills,
 * restarts and last exit code. Rows can be printed one by one as trials finish. "-" means not measured.
 * The same cells fill the trial tables of report.md and report.html.
 */
public final class TrialTable {
    private static final String FORMAT = "%3s  %-12s %-44s %9s %10s %10s %4s %8s %6s  %s";
    /** The column titles, in order. */
    public static final List<String> HEADERS = List.of("#", "experiment", "configuration", "cpu used", "throttled",
            "peak mem", "oom", "restarts", "exit", "notes");

    private TrialTable() {
    }

    public static String header() {
        return String.format(Locale.ROOT, FORMAT, HEADERS.toArray());
    }

    public static String row(TrialResult trial) {
        return String.format(Locale.ROOT, FORMAT, cells(trial).toArray());
    }

    /** One trial's cells, under {@link #HEADERS}. */
    public static List<String> cells(TrialResult trial) {
        TrialMetrics m = trial.metrics();
        return Arrays.asList(
                Integer.toString(trial.trial()),
                trial.experiment(),
                trial.limits().label() + (trial.repeat() > 1 ? " #" + trial.repeat() : ""),
                m == null || m.cpuUsedCores() == null ? "-" : Notation.cores(m.cpuUsedCores()),
                m == null || m.throttledPeriodsRatio() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * m.throttledPeriodsRatio()),
                m == null || m.memoryPeakBytes() == null ? "-" : Notation.mebibytes(m.memoryPeakBytes()),
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

    private static String notes(TrialResult trial) {
        List<String> notes = new ArrayList<>();
        if (trial.error() != null) {
            notes.add("error: " + trial.error());
        }
        if (trial.limits().cpuset() != null) {
            notes.add("cpuset " + trial.limits().cpuset());
        }
        TrialMetrics m = trial.metrics();
        if (m != null && m.throughputOpsPerSec() != null) {
            notes.add(Notation.rate(m.throughputOpsPerSec()) + " ops/s");
        }
        if (m != null && m.workloadMemoryPeakBytes() != null) {
            notes.add("reached " + Notation.mebibytes(m.workloadMemoryPeakBytes()));
        }
        if (trial.endReason() == EndReason.EXITED) {
            notes.add("exited");
        }
        return String.join(", ", notes);
    }
}
