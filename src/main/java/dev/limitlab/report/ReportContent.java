package dev.limitlab.report;

import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.recommend.Configurations;
import dev.limitlab.recommend.Notation;
import dev.limitlab.recommend.RecommendationText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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
        fact(facts, "status", run.status() + ", " + run.trials().size() + " trial(s)");
        fact(facts, "started", String.valueOf(run.startedAt()));
        fact(facts, "ended", String.valueOf(run.endedAt()));
        if (run.engine() != null) {
            fact(facts, "engine", run.engine().version() + " at " + run.engine().host() + ", image " + run.engine().image());
        }
        fact(facts, "limitlab", run.limitlabVersion());
        fact(facts, "recommendation", d.recommendationStored() ? "as recorded in run.json"
                : "made from run.json with the default targets (run.json has none)");
        d.notes().forEach(note -> fact(facts, "note", note));
        return facts;
    }

    private static void fact(List<Map.Entry<String, String>> facts, String label, String value) {
        facts.add(Map.entry(label, value));
    }

    static Table recommendation(RunDirectory d) {
        List<List<String>> rows = new ArrayList<>();
        for (RecommendationText.Item item : RecommendationText.items(d.recommendation())) {
            rows.add(List.of(item.setting(), item.value(), String.join("\n", item.evidence())));
        }
        return new Table(List.of("setting", "recommended", "evidence"), List.of(false, false, false), rows);
    }

    static Table configurations(RunRecord run) {
        List<ConfigurationSummary> summaries = Configurations.of(run);
        List<Metric> shown = CONFIGURATION_METRICS.stream()
                .filter(m -> summaries.stream().anyMatch(c -> c.metrics().containsKey(m.key))).toList();
        List<String> headers = new ArrayList<>(List.of("experiment", "configuration", "repeats"));
        shown.forEach(m -> headers.add(m.title));
        List<Boolean> numeric = new ArrayList<>(List.of(false, false, true));
        numeric.addAll(Collections.nCopies(shown.size(), true));
        List<List<String>> rows = new ArrayList<>();
        for (ConfigurationSummary c : summaries) {
            List<String> row = new ArrayList<>(List.of(c.experiment(), Notation.configuration(c.limits()),
                    c.repeats() + (c.failedRepeats() > 0 ? " (" + c.failedRepeats() + " failed)" : "")));
            shown.forEach(m -> row.add(m.format(c.metrics().get(m.key))));
            rows.add(row);
        }
        return new Table(headers, numeric, rows);
    }

    static Table trials(RunRecord run) {
        List<List<String>> rows = run.trials().stream().map(TrialTable::cells).toList();
        return new Table(TrialTable.HEADERS, List.of(true, false, false, true, true, true, true, true, true, false), rows);
    }
}
