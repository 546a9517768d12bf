package dev.limitlab.report;

import dev.limitlab.metrics.Spelled;
import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * summary.csv: one row per trial under a header row, figures in run.json's units (bytes, cores, 0..1
 * ratios), empty where not measured. RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled.
 */
final class CsvReport implements ReportWriter {
    private static final String CRLF = "\r\n";

    private record Column(String name, Function<TrialResult, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("trial", TrialResult::trial),
            new Column("experiment", TrialResult::experiment),
            new Column("workload", TrialResult::workload),
            new Column("repeat", TrialResult::repeat),
            new Column("configuration", t -> t.limits().label()),
            limit("cpus", TrialLimits::cpus),
            limit("memory_bytes", TrialLimits::memory),
            limit("memory_swap_bytes", TrialLimits::memorySwap),
            limit("pids_limit", TrialLimits::pidsLimit),
            limit("restart", TrialLimits::restart),
            new Column("started_at", TrialResult::startedAt),
            new Column("ended_at", TrialResult::endedAt),
            new Column("end_reason", TrialResult::endReason),
            metric("cpu_used_cores", TrialMetrics::cpuUsedCores),
            metric("cpu_used_p95_cores", TrialMetrics::cpuUsedP95Cores),
            metric("throttled_periods_ratio", TrialMetrics::throttledPeriodsRatio),
            metric("throttled_seconds_per_second", TrialMetrics::throttledSecondsPerSecond),
            metric("memory_peak_bytes", TrialMetrics::memoryPeakBytes),
            metric("working_set_peak_bytes", TrialMetrics::workingSetPeakBytes),
            metric("pids_peak", TrialMetrics::pidsPeak),
            metric("oom_kills", TrialMetrics::oomKills),
            metric("restarts", TrialMetrics::restarts),
            metric("last_exit_code", TrialMetrics::lastExitCode),
            metric("throughput_ops_per_sec", TrialMetrics::throughputOpsPerSec),
            metric("workload_memory_peak_bytes", TrialMetrics::workloadMemoryPeakBytes),
            metric("score", m -> m.workload() == null ? null : m.workload().score()),
            metric("score_unit", m -> m.workload() == null ? null : m.workload().scoreUnit()),
            new Column("error", TrialResult::error));

    private static Column limit(String name, Function<TrialLimits, Object> value) {
        return new Column(name, t -> t.limits() == null ? null : value.apply(t.limits()));
    }

    private static Column metric(String name, Function<TrialMetrics, Object> value) {
        return new Column(name, t -> t.metrics() == null ? null : value.apply(t.metrics()));
    }

    @Override
    public String render(RunDirectory d) {
        StringBuilder out = new StringBuilder();
        line(out, COLUMNS.stream().map(Column::name).toList());
        for (TrialResult trial : d.run().trials()) {
            List<String> fields = new ArrayList<>();
            COLUMNS.forEach(c -> fields.add(text(c.value().apply(trial))));
            line(out, fields);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        out.append(String.join(",", fields.stream().map(CsvReport::quote).toList())).append(CRLF);
    }

    // Numbers in full and in plain notation, never in the default Locale's.
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Spelled spelled) {
            return spelled.label();
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
