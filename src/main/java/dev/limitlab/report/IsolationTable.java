package dev.limitlab.report;

import dev.limitlab.format.Sizes;
import dev.limitlab.metrics.IsolationRun;
import dev.limitlab.metrics.IsolationRun.Containment;
import dev.limitlab.metrics.IsolationRun.HostReadings;
import dev.limitlab.metrics.IsolationRun.IsolationConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An isolation experiment as a table, one row per aggressor configuration, and its recommendation as lines: what the
 * terminal, report.md and report.html show of run.json's {@code isolation}.
 */
public final class IsolationTable {
    private static final List<String> HEADERS = List.of("aggressor limits", "victim alone", "with aggressor", "share",
            "recovery", "victim cpu alone → with", "aggressor cpu", "throttled", "oom", "pids peak", "pids refused", "host min free", "host max load", "notes");
    private static final List<Boolean> NUMERIC = List.of(false, true, true, true, true, true, true, true, true, true, true, true, true, false);

    /** Where a service victim's latency column goes: after its share. */
    private static final int LATENCY_AT = 4;

    private IsolationTable() {
    }

    /** With a column for the victim's p99 latency ratio when the victim is a service. */
    public static Table of(IsolationRun run) {
        boolean service = "service".equals(run.victim());
        List<List<String>> rows = new ArrayList<>();
        for (IsolationConfiguration c : run.configurations()) {
            Containment held = c.containment();
            HostReadings host = c.host();
            String notes = c.error() != null ? "not measured: " + c.error() : c.hostGuard() != null ? c.hostGuard()
                    : host != null && Boolean.FALSE.equals(host.tasksBounded())
                    ? "host tasks reached " + host.highestTasks() + ", past the bound of " + host.taskBound() : "";
            List<String> row = new ArrayList<>(List.of(c.label(), number(c.victimAlone()), number(c.victimWithAggressor()), percent(c.victimShare()),
                    c.recoverySeconds() == null ? (c.victimShare() == null ? "-" : "none") : String.format(Locale.ROOT, "%.2f s", c.recoverySeconds()),
                    cores(c.victimCoresBefore()) + " → " + cores(c.victimCoresWithAggressor()),
                    held == null ? "-" : cores(held.cpuCores()),
                    held == null ? "-" : percent(held.throttledRatio()),
                    held == null ? "-" : Integer.toString(held.oomKills()),
                    held == null || held.pidsPeak() == null ? "-" : held.pidsPeak().toString(),
                    held == null ? "-" : refused(held),
                    host == null || host.lowestFreeMemoryBytes() == null ? "-" : Sizes.format(host.lowestFreeMemoryBytes()),
                    host == null || host.highestLoad() == null ? "-" : String.format(Locale.ROOT, "%.2f", host.highestLoad()),
                    notes));
            if (service) {
                row.add(LATENCY_AT, c.victimLatencyRatio() == null ? "-" : String.format(Locale.ROOT, "%.2f×", c.victimLatencyRatio()));
            }
            rows.add(row);
        }
        if (!service) {
            return new Table(HEADERS, NUMERIC, rows);
        }
        List<String> headers = new ArrayList<>(HEADERS);
        headers.add(LATENCY_AT, "p99 with ÷ alone");
        List<Boolean> numeric = new ArrayList<>(NUMERIC);
        numeric.add(LATENCY_AT, true);
        return new Table(headers, numeric, rows);
    }

    /** The experiment's heading, its table and its recommendation with the evidence, as plain text lines. */
    public static List<String> lines(IsolationRun run) {
        List<String> lines = new ArrayList<>();
        lines.add("isolation " + run.experiment() + ": a " + run.victim() + " victim beside a " + run.aggressor() + " aggressor"
                + (run.cpuset() == null ? "" : " on cpuset " + run.cpuset()) + ", target share " + percent(run.target()));
        lines.addAll(TextTable.render(of(run), "  "));
        if (run.recommendation() != null) {
            lines.add(run.recommendation().configuration() == null
                    ? "  no aggressor limits to recommend: " + run.recommendation().reason()
                    : "  aggressor limits: " + run.recommendation().configuration() + " (" + run.recommendation().reason() + ")");
            run.recommendation().evidence().forEach(line -> lines.add("    " + line));
        }
        return lines;
    }

    private static String refused(Containment held) {
        if (held.pidsRefused() == null && held.threadStartsRefused() == null) {
            return "-";
        }
        return held.pidsRefused() != null ? held.pidsRefused().toString() : held.threadStartsRefused() + " (agent)";
    }

    private static String cores(Double cores) {
        return cores == null ? "-" : String.format(Locale.ROOT, "%.2f", cores);
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String percent(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
