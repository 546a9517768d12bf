package dev.limitlab.regression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HistoryTest {
    @TempDir
    Path dir;

    @Test
    void appendsOneRowPerCheckUnderOneHeader() throws Exception {
        Path file = dir.resolve(History.FILE_NAME);
        Comparison comparison = Comparisons.everyVerdict();
        History.append(file, comparison);
        History.append(file, comparison);

        List<String> lines = Files.readAllLines(file);
        assertEquals("runId,time,experiment,configuration,metric,value,verdict", lines.get(0));
        assertEquals(1 + 2 * 21, lines.size());
        assertEquals(1, lines.stream().filter(line -> line.startsWith("runId,")).count());
        assertEquals("20261128T020000Z-bbbb,2026-11-28T17:04:28Z,cpu,cpus=1,throughput,50000,fail", lines.get(6));
        assertEquals("20261128T020000Z-bbbb,2026-11-28T17:04:28Z,memory,memory=256m,memory-peak,,error", lines.get(16));
    }

    @Test
    void aPlainRunRecordsItsCheckedMetricsWithNoVerdict() throws Exception {
        Path file = dir.resolve(History.FILE_NAME);
        var run = Runs.run("r1").cpu(Runs.cpus(1.0), 100_000, 0.02, 0.98, 20L << 20)
                .cpu(Runs.cpus(1.0), 110_000, 0.04, 0.99, 22L << 20).build();

        History.appendRun(file, run, dev.limitlab.scenario.RegressionRules.DEFAULTS);

        List<String> lines = Files.readAllLines(file);
        assertEquals("runId,time,experiment,configuration,metric,value,verdict", lines.get(0));
        assertEquals(List.of("r1,2026-11-28T17:04:28Z,cpu,cpus=1,throughput,105000,recorded"),
                lines.stream().filter(line -> line.contains(",throughput,")).toList(), "the mean across the two repeats");
        assertEquals(1, History.read(file).get("cpu / cpus=1 / throughput").size());
    }

    @Test
    void readsBackOneSeriesPerExperimentConfigurationAndMetric() throws Exception {
        Path file = dir.resolve(History.FILE_NAME);
        History.append(file, Comparisons.everyVerdict());
        Files.writeString(file, "r2,2026-11-29T02:00:00Z,cpu,cpus=1,throughput,99000,pass\n"
                + "r3,2026-11-30T02:00:00Z,cpu,\"odd, label\",throughput,1,pass\n"
                + "r4,2026-12-01T02:0", java.nio.file.StandardOpenOption.APPEND); // the last line cut short by a crash

        Map<String, List<History.Point>> series = History.read(file);

        assertEquals(List.of(new History.Point("20261128T020000Z-bbbb", Instant.parse("2026-11-28T17:04:28Z"), 50_000.0, "fail"),
                new History.Point("r2", Instant.parse("2026-11-29T02:00:00Z"), 99_000.0, "pass")), series.get("cpu / cpus=1 / throughput"));
        assertEquals(1, series.get("cpu / odd, label / throughput").size());
        assertNull(series.get("memory / memory=256m / memory-peak").get(0).value());
        assertEquals("cpu / cpus=0.5 / throughput", series.keySet().iterator().next());
        assertEquals(22, series.size());
    }
}
