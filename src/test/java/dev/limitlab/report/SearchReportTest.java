package dev.limitlab.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recorded per-trial CPU search (1 thread at 65 % load, cpus 0.1 to 2.0 at 0.05): the reports show its path. */
class SearchReportTest {
    private static final Path SEARCH_RUN = Path.of("src/test/resources/runs/search");

    @Test
    void theReportsShowTheSearchPathStepByStep() throws IOException {
        RunDirectory run = RunDirectory.load(SEARCH_RUN);

        String markdown = new MarkdownReport().render(run);
        String html = new HtmlReport().render(run);

        assertTrue(markdown.contains("## Search"), markdown);
        assertTrue(markdown.contains("| api | cpus, per-trial | 1 | 1 | 2 | passes | ? to 2 |"), markdown);
        assertTrue(markdown.contains("| precision |"), "the last step says why it ended\n" + markdown);
        assertTrue(html.contains("<h2>Search</h2>"), html);
        assertTrue(html.contains("api: cpus search path"), "the path is charted");
    }

    @Test
    void aRunWithoutASearchHasNoSearchSection() throws IOException {
        assertFalse(new MarkdownReport().render(RunDirectory.load(ReportWritersTest.SMALL_RUN)).contains("## Search"));
    }
}
