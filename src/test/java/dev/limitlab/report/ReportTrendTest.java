package dev.limitlab.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "Trend across runs" sections: the small run laid out as {@code results/small/<run>/} beside a hand-written
 * history.csv (src/test/resources/history/history.csv: three nights before and including the run, a damaged
 * line, and a night after it that the run's report leaves out).
 * Run with {@code -Dlimitlab.golden.update=true} to rewrite the golden file after a deliberate change.
 */
@ExtendWith(RestoresDefaultLocale.class)
class ReportTrendTest {
    private static final Path HISTORY = Path.of("src/test/resources/history/history.csv");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/report-trend.md");
    private static final int RUN_CHARTS = 4; // the small run's own charts

    @TempDir
    Path results;

    @InEachLocale
    void markdownEndsWithTheTrendTableOfItsGoldenFile(String locale) throws IOException {
        Locale.setDefault(Locale.forLanguageTag(locale));
        String without = new MarkdownReport().render(RunDirectory.load(ReportWritersTest.SMALL_RUN));
        String with = new MarkdownReport().render(RunDirectory.load(runWithHistory(Files.readString(HISTORY))));

        assertFalse(without.contains("Trend across runs"), "no history, no section");
        assertTrue(with.startsWith(without), "the section comes last, the rest is unchanged");
        String section = with.substring(without.length());
        if (Boolean.getBoolean("limitlab.golden.update")) {
            Files.writeString(GOLDEN, section, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), section, "differs from " + GOLDEN);
    }

    @Test
    void historyStopsAtTheRunAndSkipsDamagedLines() throws IOException {
        RunDirectory d = RunDirectory.load(runWithHistory(Files.readString(HISTORY)));

        assertEquals(List.of("cpu / cpus=0.5 / throughput", "cpu / cpus=0.5 / throttled-ratio",
                "memory / memory=128m / memory-peak", "crash / restart=on-failure:3 / restarts"), List.copyOf(d.history().keySet()));
        assertEquals(3, d.history().get("cpu / cpus=0.5 / throughput").size(), "the night after the run is left out");
        assertNull(RunDirectory.load(ReportWritersTest.SMALL_RUN).history(), "no history.csv beside the run");
    }

    @Test
    void htmlWithAHistoryIsTheSameBytesEveryTimeAndChartsEachSeries() throws IOException {
        Path run = runWithHistory(Files.readString(HISTORY));
        Locale.setDefault(Locale.GERMANY);
        String first = new HtmlReport().render(RunDirectory.load(run));
        Locale.setDefault(Locale.ROOT);
        String second = new HtmlReport().render(RunDirectory.load(run));

        assertArrayEquals(first.getBytes(StandardCharsets.UTF_8), second.getBytes(StandardCharsets.UTF_8));
        assertEquals(RUN_CHARTS + 4, ReportWritersTest.charts(first), first);
        assertTrue(first.contains("<h2>Trend across runs</h2>"), first);
        assertTrue(first.contains("<figcaption>cpu / cpus=0.5 / throughput: trend across runs</figcaption>"), first);
        assertTrue(first.contains("over 3 run(s) of history.csv, from 2025-02-27T02:00:00Z to 2025-03-01T10:00:00Z;"
                + " latest 5.00e+04 (pass); 1 failed check(s) marked red."), first);
        assertFalse(first.contains("2025-03-02") || first.contains("later"), "nothing after the run");
        assertTrue(first.indexOf("<h2>Trend across runs</h2>") < first.indexOf("<h2>Configurations</h2>"));
    }

    @Test
    void htmlWithoutAHistorySaysWhereOneComesFrom() throws IOException {
        String html = new HtmlReport().render(RunDirectory.load(ReportWritersTest.SMALL_RUN));

        assertTrue(html.contains("<h2>Trend across runs</h2>\n<p>no history.csv yet (written by <code>limitlab check</code>)</p>"), html);
        assertEquals(RUN_CHARTS, ReportWritersTest.charts(html));
    }

    @Test
    void htmlChartsTheFirstTwelveSeriesAndListsTheRest() throws IOException {
        StringBuilder csv = new StringBuilder("runId,time,experiment,configuration,metric,value,verdict\n");
        for (int night = 1; night <= 2; night++) {
            for (int series = 1; series <= 14; series++) {
                csv.append("r").append(night).append(",2025-02-0").append(night).append("T02:00:00Z,cpu,cpus=").append(series)
                        .append(",cpu-used,0.").append(series + night).append(",pass\n");
            }
        }
        String html = new HtmlReport().render(RunDirectory.load(runWithHistory(csv.toString())));

        assertEquals(RUN_CHARTS + HtmlReport.TREND_CHARTS, ReportWritersTest.charts(html));
        assertTrue(html.contains("<figcaption>cpu / cpus=12 / cpu-used: trend across runs</figcaption>"), html);
        assertFalse(html.contains("<figcaption>cpu / cpus=13 / cpu-used"), html);
        assertTrue(html.contains("<p>2 more series, not charted: the latest and the previous value.</p>"), html);
        assertTrue(html.contains("<tr><td>cpu / cpus=13 / cpu-used</td><td class=\"n\">2</td><td class=\"n\">0.14</td>"
                + "<td class=\"n\">0.15</td><td>pass</td></tr>"), html);
        assertTrue(html.contains("<tr><td>cpu / cpus=14 / cpu-used</td>"), html);
    }

    @Test
    void aHistoryWithNoCheckUpToTheRunSaysSo() throws IOException {
        Path run = runWithHistory("runId,time,experiment,configuration,metric,value,verdict\n"
                + "later,2025-03-02T02:00:00Z,cpu,cpus=0.5,throughput,1,fail\n");

        assertTrue(new MarkdownReport().render(RunDirectory.load(run))
                .endsWith("## Trend across runs\n\nhistory.csv holds no check up to this run.\n"));
        assertTrue(new HtmlReport().render(RunDirectory.load(run)).contains("<p>history.csv holds no check up to this run.</p>"));
    }

    @Test
    void regressionDoesNotDependOnReport() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/limitlab/regression"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertFalse(Files.readString(source).contains("dev.limitlab.report"), source + " uses the report package");
            }
        }
    }

    /** {@code results/small/20250301T100000Z/} holding the small run, with {@code results/small/history.csv}. */
    private Path runWithHistory(String history) throws IOException {
        Path run = Files.createDirectories(results.resolve("small").resolve("20250301T100000Z"));
        for (String name : List.of("run.json", "samples.jsonl", "events.jsonl")) {
            Files.copy(ReportWritersTest.SMALL_RUN.resolve(name), run.resolve(name));
        }
        Files.writeString(results.resolve("small").resolve("history.csv"), history, StandardCharsets.UTF_8);
        return run;
    }
}
