package dev.limitlab.report;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.ServiceReadiness;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The run's table, one row per trial: configuration, CPU used, throttled periods, peak memory, OOM kills,
 * restarts and last exit code; notes say a service trial's p99 and achieved rate, or that it was NOT READY. Rows can be printed one by one as trials finish. "-" means not measured.
 * The same cells fill the trial tables of report.md and report.html.
 */
public final class TrialTable {
    /** The most of a not-ready service's last line the notes show: the live table is one line per trial. */
    private static final int LAST_LINE = 60;
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
                configuration(trial),
                m == null || m.cpuUsedCores() == null ? "-" : Notation.cores(m.cpuUsedCores()),
                m == null || m.throttledPeriodsRatio() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * m.throttledPeriodsRatio()),
                m == null || m.memoryPeakBytes() == null ? "-" : Notation.mebibytes(m.memoryPeakBytes()),
                m == null ? "-" : Integer.toString(m.oomKills()),
                m == null ? "-" : Integer.toString(m.restarts()),
                m == null || m.lastExitCode() == null ? "-" : Integer.toString(m.lastExitCode()),
                notes(trial));
    }

    /** The trial's configuration, and its repeat when it is not the first: {@code cpus=0.5 #2}. */
    static String configuration(TrialResult trial) {
        return trial.limits().label() + (trial.repeat() > 1 ? " #" + trial.repeat() : "");
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
        if (m != null && m.load() != null) {
            notes.addAll(load(m));
        }
        if (trial.endReason() == EndReason.EXITED) {
            notes.add("exited");
        }
        if (trial.endReason() == EndReason.NOT_READY) {
            notes.add(notReady(m == null ? null : m.service()));
        }
        notes.addAll(hostAndMemory(trial));
        return String.join(", ", notes);
    }

    /** What the host took from the trial, its reruns, and thrashing at its memory limit. */
    private static List<String> hostAndMemory(TrialResult trial) {
        List<String> notes = new ArrayList<>();
        TrialMetrics m = trial.metrics();
        if (m != null && m.contention() != null && (m.disturbed() || !trial.attempts().isEmpty())) {
            notes.add((m.disturbed() ? "host busy: " : "quiet: ") + "waited " + Notation.percent(m.contention().runQueueWaitRatio())
                    + " for a CPU, host " + Notation.cores(m.contention().hostBusyCores()) + " cores busy");
        }
        if (!trial.attempts().isEmpty()) {
            notes.add(trial.attempts().size() + " rerun(s)");
        }
        if (trial.inconclusive()) {
            notes.add("INCONCLUSIVE");
        }
        if (m != null && m.thrashing()) {
            notes.add("THRASHING " + Notation.seconds(m.memoryPressure().secondsAtLimit()) + " at the limit, "
                    + m.memoryPressure().readBack());
        }
        return notes;
    }

    // what a service trial is judged on: its p99 and whether it kept up with the load (achieved of offered)
    private static List<String> load(TrialMetrics m) {
        List<String> notes = new ArrayList<>();
        Double p99 = Metric.LATENCY_P99.of(m);
        if (p99 != null) {
            notes.add(Metric.LATENCY_P99.title() + " " + Metric.LATENCY_P99.format(p99));
        }
        Double achieved = Metric.ACHIEVED_RATE.of(m);
        Double offered = Metric.OFFERED_RATE.of(m);
        if (achieved != null) {
            notes.add(Metric.ACHIEVED_RATE.format(achieved) + (offered == null ? "" : " of " + Metric.OFFERED_RATE.format(offered))
                    + " req/s");
        }
        if (Boolean.TRUE.equals(m.load().driverBehind())) {
            notes.add("driver behind");
        }
        return notes;
    }

    // in capitals, so that it stands out among finished rows; the service's last line says why
    private static String notReady(ServiceReadiness service) {
        String text = "NOT READY" + (service == null || service.how() == null ? "" : " (" + service.how() + ")");
        if (service == null || service.logTail().isEmpty()) {
            return text;
        }
        String last = service.logTail().get(service.logTail().size() - 1).strip();
        return text + ": \"" + (last.length() > LAST_LINE ? last.substring(0, LAST_LINE - 3) + "..." : last) + "\"";
    }
}
