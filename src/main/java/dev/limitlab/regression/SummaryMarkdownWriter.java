package dev.limitlab.regression;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * summary.md: the check on one CI job page (e.g. appended to {@code $GITHUB_STEP_SUMMARY}): a verdict line,
 * then one table row per check, the ones that need a look first.
 */
public final class SummaryMarkdownWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private SummaryMarkdownWriter() {
    }

    public static String render(Comparison comparison) {
        List<String> lines = new ArrayList<>();
        lines.add("## limitlab check: " + comparison.run().scenario() + ": " + comparison.verdict());
        lines.add("");
        lines.add(comparison.tally() + " · run `" + comparison.run().runId() + "` (" + time(comparison.run().startedAt())
                + ") · baseline `" + comparison.baselineSource() + "` (run `" + comparison.baseline().runId() + "`, "
                + time(comparison.baseline().measuredAt()) + ")");
        lines.add("");
        dev.limitlab.metrics.HostBusyness.of(comparison.run()).ifPresent(busy -> {
            lines.add(busy);
            lines.add("");
        });
        lines.add("| | experiment | configuration | metric | baseline | this run | change | allowed | rule | note |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|");
        comparison.checks().stream().sorted(Comparator.comparing((MetricCheck check) -> check.verdict().needsALook()).reversed())
                .forEach(check -> lines.add(row(check)));
        return String.join("\n", lines) + "\n";
    }

    private static String row(MetricCheck check) {
        String mark = switch (check.verdict()) {
            case PASS -> "✅";
            case FAIL, MISSING -> "❌";
            case ERROR -> "⚠️";
            case INCONCLUSIVE -> "⏳";
            case NEW -> "➕";
        };
        String configuration = check.configuration()
                + (check.baselineConfiguration() == null ? "" : " (baseline: " + check.baselineConfiguration() + ")");
        return "| " + String.join(" | ", List.of(mark + " " + check.verdict().label(), check.experiment(), configuration,
                check.metric().regressionKey(), check.baselineText(), check.currentText(), check.changeText(), check.allowanceText(),
                "`" + check.rule().text() + "`", check.note() == null ? "" : check.note()).stream()
                .map(cell -> cell.replace("|", "\\|")).toList()) + " |";
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }
}
