package dev.limitlab.report;

import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.Spread;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code limitlab compare}: the same configurations side by side across runs, or several configurations of
 * one run side by side, each metric with its change from the first column. A change is marked {@code *}
 * when it is larger than the spread its repeats showed (max - min, or 2 x cv x mean when wider), and left
 * unmarked when neither side was repeated, since then no spread is known.
 */
public final class Comparison {
    static final String MARK = "*";
    private static final String SEPARATOR = "  ";
    private static final List<Metric> METRICS = List.of(Metric.values());

    /**
     * One column: its label, what it stands for, and its configuration summaries by row (a row is an
     * experiment and configuration across runs, or an experiment within one run).
     */
    public record Column(String label, String source, Map<String, ConfigurationSummary> rows) {
        public Column {
            rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }
    }

    private Comparison() {
    }

    /** Runs side by side, labelled A, B, C, ...; {@code sources} name them (e.g. their directories). */
    public static List<Column> ofRuns(List<RunRecord> runs, List<String> sources) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, ConfigurationSummary> rows = new LinkedHashMap<>();
            for (ConfigurationSummary c : runs.get(i).configurationsOrSummarised()) {
                rows.put(c.experiment() + SEPARATOR + c.limits().label(), c);
            }
            columns.add(new Column(label(i), sources.get(i) + " (run " + runs.get(i).runId() + ")", rows));
        }
        return columns;
    }

    /**
     * Configurations of one run side by side, per experiment; each is named as the reports name it
     * ({@code cpus=0.5}).
     *
     * @throws RunInputException when a name matches no configuration of the run
     */
    public static List<Column> ofConfigurations(RunRecord run, String source, List<String> names) {
        List<ConfigurationSummary> all = run.configurationsOrSummarised();
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            Map<String, ConfigurationSummary> rows = new LinkedHashMap<>();
            all.stream().filter(c -> c.limits().label().equals(name))
                    .forEach(c -> rows.putIfAbsent(c.experiment(), c));
            if (rows.isEmpty()) {
                Set<String> known = all.stream().map(c -> c.limits().label())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                throw new RunInputException(source + ": no configuration \"" + name + "\" (it has: "
                        + String.join(", ", known) + ")");
            }
            columns.add(new Column(name, source, rows));
        }
        return columns;
    }

    /** The comparison as text: a legend, then one table per row of metric, values and changes. */
    public static String render(List<Column> columns) {
        List<String> out = new ArrayList<>();
        if (columns.stream().map(Column::source).distinct().count() == 1) {
            out.add("configurations of " + columns.get(0).source());
        } else {
            columns.forEach(c -> out.add(c.label() + " = " + c.source()));
        }
        out.add(MARK + " = change larger than the spread across repeats (max - min, or 2 x cv x mean); "
                + "unmarked where no side was repeated");
        Set<String> rows = new LinkedHashSet<>();
        columns.forEach(c -> rows.addAll(c.rows().keySet()));
        for (String row : rows) {
            out.add("");
            out.add(row);
            out.addAll(TextTable.render(table(columns, row), "  "));
        }
        return String.join("\n", out) + "\n";
    }

    private static Table table(List<Column> columns, String row) {
        List<String> headers = new ArrayList<>(List.of("metric", columns.get(0).label()));
        for (Column other : columns.subList(1, columns.size())) {
            headers.add(other.label());
            headers.add(columns.size() == 2 ? "change" : other.label() + " vs " + columns.get(0).label());
        }
        List<List<String>> lines = new ArrayList<>();
        for (Metric metric : METRICS) {
            List<Spread> spreads = columns.stream()
                    .map(c -> c.rows().get(row) == null ? null : c.rows().get(row).spread(metric)).toList();
            if (spreads.stream().allMatch(s -> s == null)) {
                continue;
            }
            List<String> line = new ArrayList<>(List.of(metric.title(), value(metric, spreads.get(0))));
            for (Spread other : spreads.subList(1, spreads.size())) {
                line.add(value(metric, other));
                line.add(change(metric, spreads.get(0), other));
            }
            lines.add(line);
        }
        List<Boolean> numeric = new ArrayList<>(List.of(false));
        headers.subList(1, headers.size()).forEach(h -> numeric.add(true));
        return new Table(headers, numeric, lines);
    }

    private static String value(Metric metric, Spread spread) {
        return spread == null ? "-" : metric.format(spread.mean());
    }

    static String change(Metric metric, Spread base, Spread other) {
        if (base == null || other == null) {
            return "";
        }
        double difference = other.mean() - base.mean();
        String text;
        if (difference == 0) {
            text = "=";
        } else if (base.mean() != 0) {
            text = String.format(Locale.ROOT, "%+.1f %%", 100 * difference / Math.abs(base.mean()));
        } else {
            text = (difference > 0 ? "+" : "-") + metric.format(Math.abs(difference)) + " from 0";
        }
        Double spread = widest(spread(base), spread(other));
        return spread != null && Math.abs(difference) > spread ? text + " " + MARK : text;
    }

    /** What repeats of one configuration varied by; null with one repeat. */
    static Double spread(Spread s) {
        if (s.n() < 2) {
            return null;
        }
        double range = s.max() - s.min();
        return s.cv() == null ? range : Math.max(range, 2 * s.cv() * Math.abs(s.mean()));
    }

    private static Double widest(Double a, Double b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.max(a, b);
    }

    private static String label(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "R" + (index + 1);
    }
}
