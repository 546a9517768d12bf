package dev.limitlab.report;

import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.Spelled;
import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * summary.csv: one row per trial under a header row, figures in run.json's units (bytes, cores, 0..1
 * ratios), empty where not measured. RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled.
 */
final class CsvReport implements ReportWriter {
    private static final String CRLF = "\r\n";
    private static final Pattern SNAKE_CASE = Pattern.compile("([a-z0-9])([A-Z])");

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
            metric(Metric.CPU_USED),
            metric(Metric.CPU_P95),
            metric(Metric.THROTTLED),
            metric(Metric.THROTTLED_TIME),
            metric(Metric.MEMORY_PEAK),
            metric(Metric.WORKING_SET),
            metric(Metric.PIDS),
            metric(Metric.OOM_KILLS),
            metric(Metric.RESTARTS),
            metric("last_exit_code", TrialMetrics::lastExitCode),
            metric(Metric.THROUGHPUT),
            metric(Metric.REACHED),
            metric(Metric.SCORE),
            metric("score_unit", m -> m.workload() == null ? null : m.workload().scoreUnit()),
            metric(Metric.OFFERED_RATE),
            metric(Metric.ACHIEVED_RATE),
            metric(Metric.ERROR_RATE),
            metric(Metric.LATENCY_P50),
            metric(Metric.LATENCY_P90),
            metric(Metric.LATENCY_P99),
            metric(Metric.LATENCY_P999),
            metric(Metric.LATENCY_MAX),
            metric("driver_behind", m -> m.load() == null ? null : m.load().driverBehind()),
            new Column("error", TrialResult::error));

    private static Column limit(String name, Function<TrialLimits, Object> value) {
        return new Column(name, t -> t.limits() == null ? null : value.apply(t.limits()));
    }

    private static Column metric(String name, Function<TrialMetrics, Object> value) {
        return new Column(name, t -> t.metrics() == null ? null : value.apply(t.metrics()));
    }

    /** A catalogue metric, named as run.json names it in snake case: {@code latencyP99Ms} is {@code latency_p99_ms}. */
    private static Column metric(Metric metric) {
        return metric(SNAKE_CASE.matcher(metric.jsonName()).replaceAll("$1_$2").toLowerCase(Locale.ROOT), metric::of);
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
