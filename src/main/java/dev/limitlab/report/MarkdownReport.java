package dev.limitlab.report;

import dev.limitlab.recommend.RecommendationText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** report.md: GitHub-flavoured Markdown, fit for a CI job summary. */
final class MarkdownReport implements ReportWriter {

    @Override
    public String render(RunDirectory d) {
        List<String> out = new ArrayList<>();
        out.add("# " + ReportContent.title(d));
        out.add("");
        for (Map.Entry<String, String> fact : ReportContent.facts(d)) {
            out.add("- **" + fact.getKey() + "**: " + inline(fact.getValue()));
        }
        out.add("");
        out.add("## Recommendation");
        out.add("");
        d.recommendation().ifPresentOrElse(r -> {
            out.add("Targets: " + inline(RecommendationText.targets(r.targets())));
            out.add("");
            table(out, ReportContent.recommendation(r));
            out.add("");
            code(out, "sh", "docker run " + r.dockerRunFlags() + " IMAGE\n");
            details(out, "Compose", "yaml", r.compose());
            details(out, "Kubernetes resources", "yaml", r.kubernetes());
            out.add(inline(RecommendationText.confirmation(r)));
        }, () -> out.add(inline(ReportContent.NO_RECOMMENDATION) + "."));
        out.add("");
        Table searches = ReportContent.searchPath(d.run());
        if (!searches.rows().isEmpty()) {
            out.add("## Search");
            out.add("");
            table(out, searches);
            out.add("");
        }
        out.add("## Configurations");
        out.add("");
        out.add("Means across repeats; ±: coefficient of variation.");
        out.add("");
        table(out, ReportContent.configurations(d.run()));
        out.add("");
        out.add("## Trials");
        out.add("");
        table(out, ReportContent.trials(d.run()));
        for (var isolation : d.run().isolation()) {
            out.add("");
            out.add("## Isolation: " + inline(isolation.experiment()));
            out.add("");
            out.add(inline(IsolationTable.lines(isolation).get(0)));
            out.add("");
            table(out, IsolationTable.of(isolation));
            if (isolation.recommendation() != null) {
                out.add("");
                out.add(inline(isolation.recommendation().configuration() == null ? "No aggressor limits to recommend: "
                        + isolation.recommendation().reason() : "Aggressor limits: " + isolation.recommendation().configuration()
                        + " (" + isolation.recommendation().reason() + ")"));
                isolation.recommendation().evidence().forEach(line -> out.add("- " + inline(line)));
            }
        }
        if (ReportContent.hasService(d.run())) {
            out.add("");
            out.add("## Service load");
            out.add("");
            out.add(inline(ReportContent.LOAD_NOTE));
            out.add("");
            table(out, ReportContent.loadConfigurations(d.run()));
            out.add("");
            table(out, ReportContent.loadTrials(d.run()));
        }
        for (ReportContent.NotReady service : ReportContent.notReady(d.run())) {
            out.add("");
            out.add("### " + inline(service.heading()));
            out.add("");
            code(out, "", String.join("\n", service.logTail()));
        }
        if (d.history() != null) { // a section only for scenarios that `limitlab check` has run
            out.add("");
            out.add("## Trend across runs");
            out.add("");
            if (d.history().isEmpty()) {
                out.add(inline(ReportContent.EMPTY_HISTORY) + ".");
            } else {
                out.add("The latest and the previous value of each checked metric in history.csv, up to this run.");
                out.add("");
                table(out, ReportContent.trend(d.history()));
            }
        }
        return String.join("\n", out) + "\n";
    }

    private static void table(List<String> out, Table table) {
        out.add(row(table.headers().stream().map(MarkdownReport::cell).toList()));
        out.add(row(table.numeric().stream().map(n -> n ? "---:" : "---").toList()));
        table.rows().forEach(r -> out.add(row(r.stream().map(MarkdownReport::cell).toList())));
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String cell(String text) {
        return text.isEmpty() ? " " : inline(text).replace("|", "\\|").replace("\n", "<br>");
    }

    /** Text in running Markdown: characters that would start HTML or emphasis are escaped. */
    private static String inline(String text) {
        return text.chars().mapToObj(c -> switch (c) {
            case '<' -> "&lt;";
            case '*', '_', '`', '\\', '[', ']' -> "\\" + (char) c;
            default -> String.valueOf((char) c);
        }).collect(Collectors.joining());
    }

    private static void code(List<String> out, String language, String text) {
        out.add("```" + language);
        out.add(text.stripTrailing());
        out.add("```");
        out.add("");
    }

    private static void details(List<String> out, String summary, String language, String text) {
        out.add("<details><summary>" + summary + "</summary>");
        out.add("");
        code(out, language, text);
        out.add("</details>");
        out.add("");
    }
}
