package dev.limitlab.regression;

import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.Spread;
import dev.limitlab.scenario.RegressionRule;
import dev.limitlab.scenario.RegressionRules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results/<scenario>/history.csv}: every check of every run, one row each, in a long format whose
 * columns never change ({@link #COLUMNS}); a report reads it back as one series per experiment, configuration
 * and metric with {@link #series(String)}.
 */
public final class History {
    public static final String FILE_NAME = "history.csv";
    public static final List<String> COLUMNS = List.of("runId", "time", "experiment", "configuration", "metric", "value", "verdict");

    /**
     * One run's value of one series.
     *
     * @param time    when the run started
     * @param value   the mean across the run's repeats, in the metric's unit (bytes, ops/s, 0..1 for ratios);
     *                null when the run did not measure it
     * @param verdict pass, fail, missing, error or new
     */
    public record Point(String runId, Instant time, Double value, String verdict) {
    }

    private History() {
    }

    /** The verdict of a run's figures recorded without a baseline to judge them against. */
    public static final String RECORDED = "recorded";

    /** {@code results/<scenario>/history.csv}: the history of the runs of one scenario, beside their directories. */
    public static Path besideRun(Path runDirectory) {
        Path scenarioDirectory = runDirectory.toAbsolutePath().getParent();
        return scenarioDirectory == null ? null : scenarioDirectory.resolve(FILE_NAME);
    }

    /** Appends the comparison's checks, writing the header first when the file is new or empty. */
    public static void append(Path file, Comparison comparison) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (MetricCheck check : comparison.checks()) {
            rows.add(row(comparison.run(), check.experiment(), check.configuration(), check.metric().regressionKey(),
                    check.current() == null ? null : check.current().mean(), check.verdict().label()));
        }
        write(file, rows);
    }

    /**
     * Appends a run's checked metrics with no baseline to judge them (verdict {@value #RECORDED}): every run
     * adds to the trend, not only the nightly check.
     */
    public static void appendRun(Path file, RunRecord run, RegressionRules rules) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (ConfigurationSummary configuration : run.configurations()) {
            for (RegressionRule rule : rules.checked()) {
                Spread spread = configuration.spread(rule.metric());
                if (spread != null) {
                    rows.add(row(run, configuration.experiment(), configuration.limits().label(), rule.metric().regressionKey(),
                            spread.mean(), RECORDED));
                }
            }
        }
        write(file, rows);
    }

    private static List<String> row(RunRecord run, String experiment, String configuration, String metric, Double value,
                                    String verdict) {
        return List.of(run.runId(), String.valueOf(run.startedAt()), experiment, configuration, metric,
                value == null ? "" : MetricFormat.plain(value), verdict);
    }

    private static void write(Path file, List<List<String>> rows) throws IOException {
        StringBuilder text = new StringBuilder();
        if (!Files.exists(file) || Files.size(file) == 0) {
            text.append(line(COLUMNS));
        }
        rows.forEach(row -> text.append(line(row)));
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public static Map<String, List<Point>> read(Path file) throws IOException {
        return series(Files.readString(file));
    }

    /**
     * The series in history.csv text, keyed by {@link #seriesKey}, each in file order (oldest run first), in the
     * order the series first appear. Lines that are not rows of this format (a header, a line cut short by a
     * crash) are left out.
     */
    public static Map<String, List<Point>> series(String csv) {
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (String line : csv.split("\r?\n")) {
            List<String> fields = fields(line);
            if (fields.size() != COLUMNS.size() || fields.equals(COLUMNS)) {
                continue;
            }
            try {
                Double value = fields.get(5).isEmpty() ? null : Double.valueOf(fields.get(5));
                Point point = new Point(fields.get(0), Instant.parse(fields.get(1)), value, fields.get(6));
                series.computeIfAbsent(seriesKey(fields.get(2), fields.get(3), fields.get(4)), key -> new ArrayList<>()).add(point);
            } catch (NumberFormatException | DateTimeParseException notARow) {
                // a damaged line: the rest of the history still charts
            }
        }
        return series;
    }

    /** {@code cpu / cpus=0.5 / throughput}. */
    public static String seriesKey(String experiment, String configuration, String metric) {
        return experiment + " / " + configuration + " / " + metric;
    }

    /** One CSV line (RFC 4180): fields with a comma, quote or line break are quoted. */
    static String line(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            quoted.add(field.matches("(?s).*[,\"\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
        }
        return String.join(",", quoted) + "\n";
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
