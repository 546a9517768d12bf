package dev.limitlab.report;

import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.recommend.Recommender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report files from a small hand-made run (src/test/resources/runs/small): Markdown and CSV against
 * golden files under more than one default Locale, HTML byte for byte against itself.
 * Run with {@code -Dlimitlab.golden.update=true} to rewrite the golden files after a deliberate change.
 */
@ExtendWith(RestoresDefaultLocale.class)
class ReportWritersTest {
    static final Path SMALL_RUN = Path.of("src/test/resources/runs/small");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path dir;

    @InEachLocale
    void markdownMatchesItsGoldenFileInAnyLocale(String locale) throws IOException {
        Locale.setDefault(Locale.forLanguageTag(locale));
        assertGolden("report.md", new MarkdownReport().render(RunDirectory.load(recordedRun())));
    }

    @Test
    void anOlderRunJsonWithoutARecommendationIsReportedWithNoneAndNoneIsMade() throws IOException {
        RunDirectory old = RunDirectory.load(SMALL_RUN);
        String markdown = new MarkdownReport().render(old);
        String html = new HtmlReport().render(old);

        assertTrue(markdown.contains("## Recommendation\n\n" + ReportContent.NO_RECOMMENDATION + ".\n"), markdown);
        assertFalse(markdown.contains("| --cpus |") || markdown.contains("docker run"), markdown);
        assertTrue(html.contains("<h2>Recommendation</h2>\n<p>" + HtmlReport.escape(ReportContent.NO_RECOMMENDATION) + ".</p>"), html);
    }

    @InEachLocale
    void csvMatchesItsGoldenFileInAnyLocale(String locale) throws IOException {
        Locale.setDefault(Locale.forLanguageTag(locale));
        assertGolden("summary.csv", new CsvReport().render(RunDirectory.load(SMALL_RUN)));
    }

    @Test
    void csvQuotesFieldsWithCommasQuotesAndLineBreaksAndEndsLinesWithCrlf() throws IOException {
        String csv = new CsvReport().render(RunDirectory.load(SMALL_RUN));

        assertTrue(csv.contains(",\"engine said \"\"no\"\", twice\"\r\n"), csv);
        assertEquals("a", CsvReport.quote("a"));
        assertEquals("\"a\nb\"", CsvReport.quote("a\nb"));
        String[] lines = csv.split("\r\n");
        assertEquals(8, lines.length, "a header and one row per trial");
        assertFalse(csv.replace("\r\n", "").contains("\n"));
    }

    @Test
    void htmlIsTheSameBytesEveryTimeAndEmbedsItsCharts() throws IOException {
        String first = sameHtmlInTwoLocales(recordedRun());

        // cpu against --cpus; memory over time for trials 5 and 6; restart delays of trial 7
        assertEquals(4, charts(first), first);
        assertTrue(first.contains("trial 5, memory memory=128m: memory over time"), first);
        assertFalse(first.contains("http://") || first.contains("https://") || first.contains("<script"), "self-contained");
    }

    @Test
    void writeAllWritesTheThreeFilesIntoTheRunDirectory() throws IOException {
        for (String name : List.of("run.json", "samples.jsonl", "events.jsonl")) {
            Files.copy(SMALL_RUN.resolve(name), dir.resolve(name));
        }
        List<Path> written = ReportFormat.writeAll(RunDirectory.load(dir), dir);

        assertEquals(List.of(dir.resolve("report.html"), dir.resolve("report.md"), dir.resolve("summary.csv")), written);
        assertEquals(new MarkdownReport().render(RunDirectory.load(SMALL_RUN)), Files.readString(dir.resolve("report.md")));
    }

    /** The small run as a run of this limitlab leaves it: run.json records the recommendation made at its end. */
    private Path recordedRun() throws IOException {
        Path run = Files.createDirectories(dir.resolve("recorded"));
        for (String name : List.of("samples.jsonl", "events.jsonl")) {
            Files.copy(SMALL_RUN.resolve(name), run.resolve(name));
        }
        RunRecord old = RunJson.read(SMALL_RUN.resolve("run.json"));
        RunJson.write(old.withRecommendation(Recommender.recommend(old, RecommendTargets.DEFAULTS)), run);
        return run;
    }

    /** The run's report.html, after checking that it is the same bytes under the German and the root Locale. */
    static String sameHtmlInTwoLocales(Path run) throws IOException {
        Locale.setDefault(Locale.GERMANY);
        String first = new HtmlReport().render(RunDirectory.load(run));
        Locale.setDefault(Locale.ROOT);
        String second = new HtmlReport().render(RunDirectory.load(run));
        assertArrayEquals(first.getBytes(StandardCharsets.UTF_8), second.getBytes(StandardCharsets.UTF_8));
        return first;
    }

    /** How many charts an HTML report embeds. */
    static long charts(String html) {
        return Pattern.compile("src=\"data:image/png;base64,").matcher(html).results().count();
    }

    static void assertGolden(String name, String actual) throws IOException {
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("limitlab.golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name + " differs from " + golden);
    }
}
