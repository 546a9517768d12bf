package dev.limitlab.report;

import dev.limitlab.recommend.RecommendationText;
import dev.limitlab.regression.History;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** report.html: one self-contained page, charts embedded as PNG data URIs, no script, no outside reference. */
final class HtmlReport implements ReportWriter {
    /** Series of history.csv charted at most; the rest are listed in a table. */
    static final int TREND_CHARTS = 12;
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:1em 0;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f3f3f3}
            pre{background:#f6f6f6;padding:.6em;overflow-x:auto}
            dt{font-weight:bold;float:left;clear:left;width:9em}
            dd{margin-left:10em}
            figure{margin:1.5em 0}
            """;

    @Override
    public String render(RunDirectory d) {
        StringBuilder out = new StringBuilder();
        String title = ReportContent.title(d);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(escape(title)).append("</h1>\n<dl>\n");
        for (Map.Entry<String, String> fact : ReportContent.facts(d)) {
            out.append("<dt>").append(escape(fact.getKey())).append("</dt><dd>").append(escape(fact.getValue())).append("</dd>\n");
        }
        out.append("</dl>\n");

        out.append("<h2>Recommendation</h2>\n");
        d.recommendation().ifPresentOrElse(r -> {
            out.append("<p>Targets: ").append(escape(RecommendationText.targets(r.targets()))).append("</p>\n");
            table(out, ReportContent.recommendation(r));
            out.append("<pre>").append(escape("docker run " + r.dockerRunFlags() + " IMAGE")).append("</pre>\n");
            details(out, "Compose", r.compose());
            details(out, "Kubernetes resources", r.kubernetes());
            out.append("<p>").append(escape(RecommendationText.confirmation(r))).append("</p>\n");
        }, () -> out.append("<p>").append(escape(ReportContent.NO_RECOMMENDATION)).append(".</p>\n"));

        List<ReportCharts.Chart> charts = ReportCharts.render(d);
        out.append("<h2>Charts</h2>\n");
        if (charts.isEmpty()) {
            out.append("<p>Nothing to chart: no cpu or service experiment with --cpus, service trial with load, memory trial with samples, or restart.</p>\n");
        }
        charts.forEach(chart -> figure(out, chart));
        trend(out, d);

        Table searches = ReportContent.searchPath(d.run());
        if (!searches.rows().isEmpty()) {
            out.append("<h2>Search</h2>\n");
            table(out, searches);
        }
        out.append("<h2>Configurations</h2>\n<p>Means across repeats; ±: coefficient of variation.</p>\n");
        table(out, ReportContent.configurations(d.run()));
        out.append("<h2>Trials</h2>\n");
        table(out, ReportContent.trials(d.run()));
        if (ReportContent.hasService(d.run())) {
            out.append("<h2>Service load</h2>\n<p>").append(escape(ReportContent.LOAD_NOTE)).append("</p>\n");
            table(out, ReportContent.loadConfigurations(d.run()));
            table(out, ReportContent.loadTrials(d.run()));
        }
        for (ReportContent.NotReady service : ReportContent.notReady(d.run())) {
            out.append("<h3>").append(escape(service.heading())).append("</h3>\n<pre>")
                    .append(escape(String.join("\n", service.logTail()))).append("</pre>\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /** The checked metrics across the runs in history.csv: a chart per series, the first few; the rest as a table. */
    private static void trend(StringBuilder out, RunDirectory d) {
        out.append("<h2>Trend across runs</h2>\n");
        Map<String, List<History.Point>> history = d.history();
        if (history == null) {
            out.append("<p>").append(code(ReportContent.NO_HISTORY)).append("</p>\n");
            return;
        }
        if (history.isEmpty()) {
            out.append("<p>").append(escape(ReportContent.EMPTY_HISTORY)).append(".</p>\n");
            return;
        }
        out.append("<p>Each checked metric in history.csv, run by run up to this one; failed checks in red.</p>\n");
        ReportCharts.trend(history, TREND_CHARTS).forEach(chart -> figure(out, chart));
        if (history.size() > TREND_CHARTS) {
            Map<String, List<History.Point>> rest = new LinkedHashMap<>();
            history.entrySet().stream().skip(TREND_CHARTS).forEach(e -> rest.put(e.getKey(), e.getValue()));
            out.append("<p>").append(rest.size()).append(" more series, not charted: the latest and the previous value.</p>\n");
            table(out, ReportContent.trend(rest));
        }
    }

    private static void figure(StringBuilder out, ReportCharts.Chart chart) {
        out.append("<figure>\n<img width=\"").append(ReportCharts.WIDTH).append("\" height=\"").append(ReportCharts.HEIGHT)
                .append("\" alt=\"").append(escape(chart.description())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(chart.png())).append("\">\n<figcaption>")
                .append(escape(chart.title())).append("</figcaption>\n</figure>\n");
    }

    /** Text with `code` spans as &lt;code&gt;. */
    private static String code(String text) {
        return escape(text).replaceAll("`([^`]*)`", "<code>$1</code>");
    }

    private static void table(StringBuilder out, Table table) {
        out.append("<table>\n<thead><tr>");
        table.headers().forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append(table.numeric().get(i) ? "<td class=\"n\">" : "<td>")
                        .append(escape(row.get(i)).replace("\n", "<br>")).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void details(StringBuilder out, String summary, String text) {
        out.append("<details><summary>").append(escape(summary)).append("</summary>\n<pre>").append(escape(text.stripTrailing()))
                .append("</pre>\n</details>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
