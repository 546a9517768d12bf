package dev.limitlab.report;

import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.ServiceReadiness;
import dev.limitlab.metrics.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports of a service run: src/test/resources/runs/service is a real run of scenarios/service.yaml (on a busy
 * host, so its latencies are high and its driver fell behind), its histogram logs and samples left out.
 */
@ExtendWith(RestoresDefaultLocale.class)
class ServiceReportTest {
    static final Path SERVICE_RUN = Path.of("src/test/resources/runs/service");
    private static final List<String> LAST_LINES = List.of("Starting the service", "java.net.BindException: Address already in use");

    @TempDir
    Path dir;

    @InEachLocale
    void markdownAndCsvMatchTheirGoldenFiles(String locale) throws IOException {
        Locale.setDefault(Locale.forLanguageTag(locale));
        RunDirectory run = RunDirectory.load(SERVICE_RUN);

        ReportWritersTest.assertGolden("report-service.md", new MarkdownReport().render(run));
        ReportWritersTest.assertGolden("summary-service.csv", new CsvReport().render(run));
    }

    @Test
    void csvNamesTheLoadColumnsAfterRunJsonAndWritesTheirFiguresInItsUnits() throws IOException {
        List<String> lines = new CsvReport().render(RunDirectory.load(SERVICE_RUN)).lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        List<String> first = List.of(lines.get(1).split(",", -1));

        for (String column : List.of("offered_rate_per_sec", "achieved_rate_per_sec", "error_ratio", "latency_p50_ms",
                "latency_p90_ms", "latency_p99_ms", "latency_p999_ms", "latency_max_ms", "driver_behind")) {
            assertTrue(header.contains(column), column + " in " + header);
        }
        assertEquals("7105.151", first.get(header.indexOf("latency_p99_ms")));
        assertEquals("0.51625", first.get(header.indexOf("error_ratio")));
        assertEquals("96.75", first.get(header.indexOf("throughput_ops_per_sec")), "a service's successful responses per second");
        assertEquals("true", first.get(header.indexOf("driver_behind")));
    }

    @Test
    void htmlIsTheSameBytesEveryTimeAndChartsLatencyAndThroughputAgainstCpusAndLatencyOverTimePerTrial() throws IOException {
        String first = ReportWritersTest.sameHtmlInTwoLocales(SERVICE_RUN);

        // latency and throughput against --cpus for the experiment, latency over time for each of the three trials
        assertEquals(5, ReportWritersTest.charts(first), first);
        assertTrue(first.contains("<figcaption>web: latency against --cpus</figcaption>"), first);
        assertTrue(first.contains("<figcaption>web: throughput against --cpus</figcaption>"), first);
        assertTrue(first.contains("with the objective p99 &lt;= 50.0 ms."), "the objective run.json recorded");
        assertTrue(first.contains("<figcaption>trial 3, web cpus=1 memory=256m: latency over time</figcaption>"), first);
        assertTrue(first.contains("<h2>Service load</h2>"), first);
    }

    @Test
    void theTrialTableNotesAServiceTrialsP99AndAchievedRate() throws IOException {
        TrialResult trial = RunDirectory.readRun(SERVICE_RUN).trials().get(1);

        assertTrue(TrialTable.row(trial).endsWith("cpuset 0, p99 3525.3 ms, 191 of 200 req/s, driver behind"), TrialTable.row(trial));
    }

    @Test
    void aNotReadyTrialIsMarkedInTheTrialTableAndShowsItsServicesLastLines() throws IOException {
        RunDirectory run = RunDirectory.load(withTrialTwoNotReady());
        TrialResult notReady = run.run().trials().get(1);
        String html = new HtmlReport().render(run);
        String markdown = new MarkdownReport().render(run);

        assertTrue(TrialTable.row(notReady).endsWith("NOT READY (http /healthz): \"java.net.BindException: Address already in use\""),
                TrialTable.row(notReady));
        String heading = "trial 2, web cpus=0.5 memory=256m: not ready (http /healthz); the service's last 2 line(s)";
        assertTrue(html.contains("<h3>" + heading + "</h3>\n<pre>" + String.join("\n", LAST_LINES) + "</pre>"), html);
        assertTrue(markdown.contains("### " + heading + "\n\n```\n" + String.join("\n", LAST_LINES) + "\n```"), markdown);
        assertTrue(markdown.contains("| 2 | web | cpus=0.5 memory=256m | - | - | - | - | - | - | - | - | - |"), markdown);
        assertFalse(html.contains("trial 2, web cpus=0.5 memory=256m: latency over time"), "a service never loaded has no latency");
    }

    @Test
    void compareShowsTheLatencyOfAServiceRunFromTheCatalogue() throws IOException {
        RunRecord run = RunDirectory.readRun(SERVICE_RUN);
        String text = Comparison.render(Comparison.ofConfigurations(run, "service", List.of("cpus=0.25 memory=256m",
                "cpus=0.5 memory=256m"))).replaceAll(" +", " ");

        assertTrue(text.contains(" p50 5230.3 ms 1846.5 ms -64.7 %\n"), text);
        assertTrue(text.contains(" p99 7105.2 ms 3525.3 ms -50.4 %\n"), text);
        assertTrue(text.contains(" errors 51.6 % 4.4 % -91.4 %\n"), text);
        assertTrue(text.contains(" achieved req/s 96.8 191 +97.5 %\n"), text);
    }

    /** The service run with its second trial's service never ready: no load, the service's last lines instead. */
    private Path withTrialTwoNotReady() throws IOException {
        RunRecord recorded = RunJson.read(SERVICE_RUN.resolve(RunJson.FILE_NAME));
        List<TrialResult> trials = new ArrayList<>(recorded.trials());
        TrialResult t = trials.get(1);
        trials.set(1, new TrialResult(t.trial(), t.experiment(), t.workload(), t.repeat(), t.container(), t.limits(), t.security(),
                t.startedAt(), t.endedAt(), EndReason.NOT_READY,
                t.metrics().withService(new ServiceReadiness(false, null, "http /healthz", LAST_LINES), null), null));
        RunJson.write(new RunRecord(recorded.schemaVersion(), recorded.runId(), recorded.scenario(), recorded.scenarioFile(),
                recorded.limitlabVersion(), recorded.engine(), recorded.startedAt(), recorded.endedAt(), recorded.status(), trials,
                List.of(), recorded.confirmations(), recorded.recommendation()), dir);
        List<String> otherTrials = Files.readAllLines(SERVICE_RUN.resolve("workload.jsonl")).stream()
                .filter(line -> !line.startsWith("{\"trial\":2,")).toList();
        Files.write(dir.resolve("workload.jsonl"), otherTrials);
        return dir;
    }
}
