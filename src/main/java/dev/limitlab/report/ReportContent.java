package dev.limitlab.report;

import dev.limitlab.format.Notation;
import dev.limitlab.format.Sizes;
import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.ServiceReadiness;
import dev.limitlab.metrics.SearchStep;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.metrics.Spread;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.recommend.RecommendationText;
import dev.limitlab.regression.History;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** What report.md and report.html both show, as facts and tables; each writer only lays them out. */
final class ReportContent {
    static final List<Metric> CONFIGURATION_METRICS = List.of(Metric.CPU_USED, Metric.CPU_P95, Metric.THROTTLED,
            Metric.MEMORY_PEAK, Metric.WORKING_SET, Metric.PIDS, Metric.OOM_KILLS, Metric.RESTARTS, Metric.THROUGHPUT,
            Metric.SCORE);

    private ReportContent() {
    }

    static String title(RunDirectory d) {
        return "limitlab report: " + d.run().scenario();
    }

    /** The run's identity and provenance, label and value, in a fixed order. */
    static List<Map.Entry<String, String>> facts(RunDirectory d) {
        RunRecord run = d.run();
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        fact(facts, "run", run.runId());
        fact(facts, "scenario", run.scenario() + " (" + run.scenarioFile() + ")");
        fact(facts, "status", run.status().label() + ", " + run.trials().size() + " trial(s)");
        fact(facts, "started", String.valueOf(run.startedAt()));
        fact(facts, "ended", String.valueOf(run.endedAt()));
        if (run.engine() != null) {
            fact(facts, "engine", run.engine().version() + " at " + run.engine().host() + ", image " + run.engine().image());
        }
        fact(facts, "limitlab", run.limitlabVersion());
        fact(facts, "recommendation", d.recommendation().isPresent() ? "as recorded in run.json" : NO_RECOMMENDATION);
        d.notes().forEach(note -> fact(facts, "note", note));
        return facts;
    }

    private static void fact(List<Map.Entry<String, String>> facts, String label, String value) {
        facts.add(Map.entry(label, value));
    }

    /** The path of every limit search in the run, step by step; empty when the run searched nothing. */
    static Table searchPath(RunRecord run) {
        List<List<String>> rows = new ArrayList<>();
        for (TrialResult trial : run.trials()) {
            SearchStep step = trial.search();
            if (step == null) {
                continue;
            }
            rows.add(List.of(trial.experiment(), step.resource() + ", " + step.mode(), Integer.toString(step.step()),
                    Integer.toString(trial.trial()), searched(step.resource(), step.value()), step.passed() ? "passes" : "fails",
                    searched(step.resource(), step.bracket().fails()) + " to " + searched(step.resource(), step.bracket().passes()),
                    step.ended() == null ? "" : step.ended().label()));
        }
        return new Table(List.of("experiment", "searched", "step", "trial", "value", "verdict", "bracket (fails to passes)", "ended"),
                List.of(false, false, true, true, true, false, false, false), rows);
    }

    /** A searched value as the scenario spells it: cores, or a size; "?" while unknown. */
    static String searched(String resource, Double value) {
        return value == null ? "?" : "memory".equals(resource) ? Sizes.format(Math.round(value)) : Notation.plain(value);
    }

    /** What the reports say of a run whose run.json records no recommendation: they never make one themselves. */
    static final String NO_RECOMMENDATION = "none recorded in run.json (limitlab recommend makes one from its figures)";

    static Table recommendation(Recommendation recommendation) {
        List<List<String>> rows = new ArrayList<>();
        for (RecommendationText.Item item : RecommendationText.items(recommendation)) {
            rows.add(List.of(item.setting(), item.value(), String.join("\n", item.evidence())));
        }
        return new Table(List.of("setting", "recommended", "evidence"), List.of(false, false, false), rows);
    }

    static Table configurations(RunRecord run) {
        List<ConfigurationSummary> summaries = run.configurationsOrSummarised();
        List<Metric> shown = CONFIGURATION_METRICS.stream()
                .filter(m -> summaries.stream().anyMatch(c -> c.spread(m) != null)).toList();
        List<String> headers = new ArrayList<>(List.of("experiment", "configuration", "repeats"));
        shown.forEach(m -> headers.add(m.title()));
        List<Boolean> numeric = new ArrayList<>(List.of(false, false, true));
        numeric.addAll(Collections.nCopies(shown.size(), true));
        List<List<String>> rows = new ArrayList<>();
        for (ConfigurationSummary c : summaries) {
            List<String> row = new ArrayList<>(List.of(c.experiment(), c.limits().label(),
                    c.repeats() + (c.failedRepeats() > 0 ? " (" + c.failedRepeats() + " failed)" : "")));
            shown.forEach(m -> row.add(cell(m, c.spread(m))));
            rows.add(row);
        }
        return new Table(headers, numeric, rows);
    }

    /** The mean, and the coefficient of variation when repeats give one: {@code 0.50 ±4%}; "-" when not measured. */
    static String cell(Metric metric, Spread spread) {
        if (spread == null) {
            return "-";
        }
        return metric.format(spread.mean()) + (spread.cv() == null ? "" : String.format(Locale.ROOT, " ±%.0f%%", 100 * spread.cv()));
    }

    /** What the trend section says when the scenario has no history.csv beside its runs. */
    static final String NO_HISTORY = "no history.csv yet (written by `limitlab check`)";
    /** What it says when history.csv holds no check up to this run. */
    static final String EMPTY_HISTORY = "history.csv holds no check up to this run";

    /**
     * One row per series of history.csv: how many runs it has, the previous and the latest value in the
     * metric's notation ("-" for none before, "- (missing)" for a run without a value), and the latest verdict.
     */
    static Table trend(Map<String, List<History.Point>> history) {
        List<List<String>> rows = new ArrayList<>();
        history.forEach((key, points) -> {
            History.Point latest = points.get(points.size() - 1);
            History.Point previous = points.size() < 2 ? null : points.get(points.size() - 2);
            rows.add(List.of(key, Integer.toString(points.size()), previous == null ? "-" : trendCell(key, previous),
                    trendCell(key, latest), latest.verdict()));
        });
        return new Table(List.of("series", "runs", "previous", "latest", "verdict"), List.of(false, true, true, true, false), rows);
    }

    // a run with no value says why: "- (missing)"
    private static String trendCell(String key, History.Point point) {
        return point.value() == null ? "- (" + point.verdict() + ")" : historyValue(key, point.value());
    }

    /** The metric of a series key ({@code cpu / cpus=0.5 / throughput} is {@code throughput}). */
    static String historyMetric(String seriesKey) {
        int at = seriesKey.lastIndexOf(" / ");
        return at < 0 ? seriesKey : seriesKey.substring(at + " / ".length());
    }

    /** A value of history.csv in its metric's notation, as the configurations table writes it; "-" when not measured. */
    static String historyValue(String seriesKey, Double value) {
        if (value == null) {
            return "-";
        }
        return Metric.byRegressionKey(historyMetric(seriesKey)).map(m -> m.format(value)).orElseGet(() -> Notation.plain(value));
    }

    /** The load figures of a service, per configuration and per trial, as the catalogue names and writes them. */
    static final List<Metric> LOAD_METRICS = List.of(Metric.OFFERED_RATE, Metric.ACHIEVED_RATE, Metric.ERROR_RATE,
            Metric.LATENCY_P50, Metric.LATENCY_P90, Metric.LATENCY_P99, Metric.LATENCY_P999, Metric.LATENCY_MAX);
    private static final String DRIVER_BEHIND = "driver behind";
    /** What the load tables hold, said above them. */
    static final String LOAD_NOTE = "What the load driver measured after the warm-up: per configuration (means across"
            + " repeats), then per trial. Latency counts from each request's intended send time; where the driver fell"
            + " behind its schedule, part of it is the driver's own.";
    private static final String SERVICE = "service";

    /** Whether the run has a service workload, and so the load tables and readiness sections. */
    static boolean hasService(RunRecord run) {
        return run.trials().stream().anyMatch(t -> SERVICE.equals(t.workload()));
    }

    /** Per service configuration: the load figures' means across repeats, and in how many repeats the driver fell behind. */
    static Table loadConfigurations(RunRecord run) {
        List<List<String>> rows = new ArrayList<>();
        for (ConfigurationSummary c : run.configurationsOrSummarised()) {
            if (!SERVICE.equals(c.workload())) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(c.experiment(), c.limits().label(), Integer.toString(c.repeats())));
            LOAD_METRICS.forEach(m -> row.add(cell(m, c.spread(m))));
            List<Boolean> behind = run.trials().stream()
                    .filter(t -> t.experiment().equals(c.experiment()) && t.limits().unpinned().equals(c.limits()))
                    .map(ReportContent::driverBehind).filter(Objects::nonNull).toList();
            long times = behind.stream().filter(Boolean::booleanValue).count();
            row.add(behind.isEmpty() ? "-" : times == 0 ? "no" : "yes (" + times + " of " + behind.size() + ")");
            rows.add(row);
        }
        return loadTable(List.of("experiment", "configuration", "repeats"), List.of(false, false, true), rows);
    }

    /** Per service trial: its load figures ("-" for a trial that was never loaded, e.g. not ready) and whether the driver fell behind. */
    static Table loadTrials(RunRecord run) {
        List<List<String>> rows = new ArrayList<>();
        for (TrialResult t : run.trials()) {
            if (!SERVICE.equals(t.workload())) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(Integer.toString(t.trial()), t.experiment(), TrialTable.configuration(t)));
            LOAD_METRICS.forEach(m -> {
                Double value = t.metrics() == null ? null : m.of(t.metrics());
                row.add(value == null ? "-" : m.format(value));
            });
            Boolean behind = driverBehind(t);
            row.add(behind == null ? "-" : behind ? "yes" : "no");
            rows.add(row);
        }
        return loadTable(List.of("#", "experiment", "configuration"), List.of(true, false, false), rows);
    }

    private static Table loadTable(List<String> leading, List<Boolean> leadingNumeric, List<List<String>> rows) {
        List<String> headers = new ArrayList<>(leading);
        LOAD_METRICS.forEach(m -> headers.add(m.title()));
        headers.add(DRIVER_BEHIND);
        List<Boolean> numeric = new ArrayList<>(leadingNumeric);
        numeric.addAll(Collections.nCopies(LOAD_METRICS.size(), true));
        numeric.add(false);
        return new Table(headers, numeric, rows);
    }

    private static Boolean driverBehind(TrialResult trial) {
        return trial.metrics() == null || trial.metrics().load() == null ? null : trial.metrics().load().driverBehind();
    }

    /** A service that was not ready in time: which trial, how readiness was looked for, and the service's last lines. */
    record NotReady(String heading, List<String> logTail) {
    }

    static List<NotReady> notReady(RunRecord run) {
        List<NotReady> found = new ArrayList<>();
        for (TrialResult t : run.trials()) {
            ServiceReadiness service = t.metrics() == null ? null : t.metrics().service();
            if (t.endReason() == EndReason.NOT_READY || service != null && !service.ready()) {
                found.add(new NotReady("trial " + t.trial() + ", " + t.experiment() + " " + t.limits().label()
                        + ": not ready" + (service == null || service.how() == null ? "" : " (" + service.how() + ")")
                        + "; the service's last " + (service == null ? 0 : service.logTail().size()) + " line(s)",
                        service == null ? List.of() : service.logTail()));
            }
        }
        return found;
    }

    static Table trials(RunRecord run) {
        List<List<String>> rows = run.trials().stream().map(TrialTable::cells).toList();
        return new Table(TrialTable.HEADERS, List.of(true, false, false, true, true, true, true, true, true, false), rows);
    }
}
