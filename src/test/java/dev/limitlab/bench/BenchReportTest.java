package dev.limitlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.limitlab.recommend.TrialBuilder.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchReportTest {
    private static final double EPS = 1e-9;

    @Test
    void overheadIsSetupPlusTeardownWithNearestRankPercentiles() {
        // totals 0.30, 0.31, ..., 0.49 s over 20 trials, in shuffled order
        List<OverheadRecorder.TrialOverhead> trials = new ArrayList<>();
        for (int i : List.of(7, 3, 19, 0, 11, 5, 14, 1, 9, 17, 2, 12, 16, 4, 18, 6, 10, 13, 8, 15)) {
            trials.add(new OverheadRecorder.TrialOverhead(i + 1, 0.20 + i / 100.0, 0.10, 0.5));
        }

        BenchReport.Overhead overhead = BenchReport.Overhead.of(trials);

        assertEquals(20, overhead.overheadTrials());
        assertEquals(0.39, overhead.perTrialOverheadMedianS(), EPS, "rank ceil(0.5 x 20) = 10th of 20");
        assertEquals(0.48, overhead.perTrialOverheadP95S(), EPS, "rank ceil(0.95 x 20) = 19th of 20");
        assertEquals(0.29, overhead.setupMedianS(), EPS);
        assertEquals(0.10, overhead.teardownMedianS(), EPS);
        assertEquals(0.5, overhead.trialExcessMedianS(), EPS);
    }

    @Test
    void noTrialsGiveNoFigures() {
        BenchReport.Overhead overhead = BenchReport.Overhead.of(List.of());
        assertNull(overhead.perTrialOverheadMedianS());
        assertNull(overhead.perTrialOverheadP95S());
    }

    @Test
    void trialOverheadComesFromTheMarksAndIsMissingWithoutASample() {
        TimingContainers.Marks marks = new TimingContainers.Marks(1_000_000_000L, 2_300_000_000L, 2_400_000_000L);

        OverheadRecorder.TrialOverhead overhead = OverheadRecorder.TrialOverhead.of(3, marks, 1_250_000_000L,
                900_000_000L, 2_500_000_000L, Duration.ofSeconds(1)).orElseThrow();

        assertEquals(0.25, overhead.setupS(), EPS);
        assertEquals(0.10, overhead.teardownS(), EPS);
        assertEquals(0.35, overhead.totalS(), EPS);
        assertEquals(0.6, overhead.excessS(), EPS);
        assertTrue(OverheadRecorder.TrialOverhead.of(3, marks, 0, 900_000_000L, 2_500_000_000L, Duration.ofSeconds(1)).isEmpty());
    }

    @Test
    void matrixWallIsOverTheSumOfConfiguredDurations() {
        BenchReport.Matrix matrix = BenchReport.Matrix.of(42.0, List.of(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10)));
        assertEquals(40.0, matrix.matrixDurationsS(), EPS);
        assertEquals(1.05, matrix.matrixWallOverDurations(), EPS);
    }

    @Test
    void detectionLatencyIsRecordedMinusEventTimeForOomAndDieEventsOnly() {
        List<String> lines = List.of(
                event("start", "2026-11-28T10:00:00.000000000Z", "2026-11-28T10:00:00.900Z"),
                event("oom", "2026-11-28T10:00:01.000000000Z", "2026-11-28T10:00:01.004500Z"),
                event("die", "2026-11-28T10:00:01.010000000Z", "2026-11-28T10:00:01.012Z"),
                "",
                event("die", "2026-11-28T10:00:02.000000000Z", "2026-11-28T10:00:02.120Z"));

        List<Double> latencies = BenchReport.Detection.latenciesMs(lines);

        assertEquals(List.of(4.5, 2.0, 120.0), latencies);
        BenchReport.Detection detection = BenchReport.Detection.of(latencies);
        assertEquals(3, detection.detectionEvents());
        assertEquals(4.5, detection.detectionLatencyP50Ms(), EPS);
        assertEquals(120.0, detection.detectionLatencyP99Ms(), EPS);
        assertEquals(120.0, detection.detectionLatencyMaxMs(), EPS);
    }

    @Test
    void anUnreadableEventLineIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchReport.Detection.latenciesMs(List.of("{\"trial\":1,\"record\":{\"action\":\"die\",\"time\":\"yesterday\",\"recorded\":\"now\"}}")));
        assertTrue(e.getMessage().startsWith("events.jsonl: cannot read"), e.getMessage());
    }

    @Test
    void cpuFidelityAveragesRepeatsPerLimitAndTakesTheRatioFarthestFromOne() {
        List<TrialResult> trials = List.of(
                trial("saturate", "cpu").cpus(0.25).cpuUsed(0.2475, 0.26).build(1),
                trial("saturate", "cpu").cpus(0.5).cpuUsed(0.49, 0.5).build(2),
                trial("saturate", "cpu").cpus(0.5).cpuUsed(0.51, 0.5).build(3),
                trial("saturate", "cpu").cpus(1.5).cpuUsed(1.44, 1.5).build(4),
                trial("saturate", "cpu").cpus(1.0).build(5)); // not measured: left out

        BenchReport.CpuFidelity fidelity = BenchReport.CpuFidelity.of(trials);

        assertEquals(List.of("0.25", "0.5", "1.5"), List.copyOf(fidelity.cpuFidelityRatios().keySet()));
        assertEquals(0.99, fidelity.cpuFidelityRatios().get("0.25"), EPS);
        assertEquals(1.0, fidelity.cpuFidelityRatios().get("0.5"), EPS);
        assertEquals(0.96, fidelity.cpuFidelityWorstRatio(), EPS);
    }

    @Test
    void disturbanceFlagsAreSharedOutByWhetherAHogRanAndQuietTrialsAreHeldToTheirLimit() {
        BenchReport.Disturbance d = BenchReport.Disturbance.of(List.of(
                new BenchReport.DisturbedTrial(1, 1, 0.25, 15, 0.1, 0.9, 1.9, true),
                new BenchReport.DisturbedTrial(1, 2, 0.5, 0, 0.49, 0.02, 0.2, false),
                new BenchReport.DisturbedTrial(1, 3, 1.0, 3, 0.5, 0.7, 1.5, false), // hogged, missed
                new BenchReport.DisturbedTrial(2, 1, 0.25, 0, 0.2475, 0.01, 0.1, false),
                new BenchReport.DisturbedTrial(2, 2, 0.5, 7, 0.2, 0.8, 1.8, true),
                new BenchReport.DisturbedTrial(2, 3, 1.0, 0, 0.95, 0.4, 0.6, true))); // quiet, flagged (other load)

        assertEquals(2 / 3.0, d.disturbedFlaggedRatio(), EPS);
        assertEquals(1 / 3.0, d.quietFlaggedRatio(), EPS);
        assertEquals(List.of("0.25", "0.5", "1"), List.copyOf(d.quietCpuRatios().keySet()), "the quiet trials only");
        assertEquals(0.98, d.quietCpuRatios().get("0.5"), EPS);
        assertEquals(0.95, d.quietCpuWorstRatio(), EPS);
        assertEquals(0.5, d.unflaggedCpuWorstRatio(), EPS, "the hogged trial at 1.0 it missed, with the quiet 0.25 and 0.5");
        assertNull(BenchReport.Disturbance.of(List.of()).disturbedFlaggedRatio(), "nothing hogged: not measured");
    }

    @Test
    void aHogLeavesTheContainerAboutHalfItsLimitAndAtLeastALoopPerCpu() {
        assertEquals(15, CpuHog.loopsFor(0.25, 2), "2 CPUs / 16 shares = 0.125 cores");
        assertEquals(3, CpuHog.loopsFor(1.0, 2));
        assertEquals(2, CpuHog.loopsFor(1.5, 2), "one per CPU");
    }

    @Test
    void restartDelaysAreComparedWithTheBackoffModel() {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        List<TrialMetrics.RunSpan> timeline = List.of(
                new TrialMetrics.RunSpan(1, t, t.plusMillis(500), 3, 0.5, null, null),
                new TrialMetrics.RunSpan(2, t.plusMillis(850), t.plusMillis(1350), 3, 0.5, 0.35, 0.1),
                new TrialMetrics.RunSpan(3, t.plusMillis(1800), null, null, null, 0.45, 0.2));

        BenchReport.RestartFidelity restarts = BenchReport.RestartFidelity.of(List.of(
                trial("crash-loop", "crash").timeline(timeline).build(4)));

        assertEquals(2, restarts.restartDelays().size());
        assertEquals(new BenchReport.RestartDelay(4, 2, 0.35, 0.1), restarts.restartDelays().get(0));
        assertEquals(0.25, restarts.restartDelayExcessMedianS(), EPS);
        assertEquals(0.25, restarts.restartDelayExcessMaxS(), EPS);
        assertTrue(restarts.restartDelaysAtLeastBackoff());
    }

    @Test
    void aRestartSoonerThanTheModelIsFlagged() {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        BenchReport.RestartFidelity restarts = BenchReport.RestartFidelity.of(List.of(trial("crash-loop", "crash")
                .timeline(List.of(new TrialMetrics.RunSpan(2, t, null, null, null, 0.05, 0.1))).build(1)));
        assertFalse(restarts.restartDelaysAtLeastBackoff());
        assertNull(BenchReport.RestartFidelity.of(List.of()).restartDelaysAtLeastBackoff());
    }

    @Test
    void parallelTrialsArePairedWithTheSameTrialRunAlone() {
        List<TrialResult> alone = List.of(
                trial("cpu", "cpu").cpus(0.5).throughput(60_000).build(1),
                trial("cpu", "cpu").cpus(1.0).throughput(120_000).build(2));
        List<TrialResult> pinned = List.of(
                trial("cpu", "cpu").cpus(1.0).cpuset("1").throughput(114_000).build(2),
                trial("cpu", "cpu").cpus(0.5).cpuset("0").throughput(60_600).build(1));

        BenchReport.Parallel parallel = BenchReport.Parallel.of(alone, pinned);

        assertEquals(2, parallel.parallelTrials().size());
        BenchReport.ParallelTrial first = parallel.parallelTrials().get(0);
        assertEquals("cpus=0.5", first.configuration());
        assertEquals("0", first.cpuset());
        assertEquals(1.01, first.ratio(), EPS);
        assertEquals(0.05, parallel.parallelThroughputWorstDeviation(), EPS);
    }

    @Test
    void aParallelTrialWithoutThroughputLeavesTheDeviationUnmeasured() {
        BenchReport.Parallel parallel = BenchReport.Parallel.of(List.of(trial("cpu", "cpu").cpus(0.5).build(1)),
                List.of(trial("cpu", "cpu").cpus(0.5).cpuset("0").throughput(1).build(1)));
        assertNull(parallel.parallelThroughputWorstDeviation());
    }

    @Test
    void everyTargetIsJudgedAndAnUnmeasuredFigureMissesItsTarget() {
        BenchReport report = report(0.30, 1.20, null);

        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        report.targets().forEach(check -> verdicts.put(check.key(), check.pass()));

        assertEquals(List.of("perTrialOverheadMedianS", "matrixWallOverDurations", "wallVsCliRatio", "selfCpuPctOfCore100ms",
                "detectionLatencyP99Ms", "cpuFidelityWorstRatio", "parallelThroughputWorstDeviation", "driverVsWrkRatio",
                "searchTrialsToCpuAnswer", "inPlaceWallVsPerTrial", "searchAnswersSpread", "disturbedFlaggedRatio",
                "quietFlaggedRatio", "quietCpuWorstRatio", "unflaggedCpuWorstRatio"), List.copyOf(verdicts.keySet()));
        assertTrue(verdicts.get("disturbedFlaggedRatio"));
        assertTrue(verdicts.get("quietFlaggedRatio"));
        assertTrue(verdicts.get("quietCpuWorstRatio"), "0.99 is within 3 %");
        assertTrue(verdicts.get("searchTrialsToCpuAnswer"), "6 <= 8");
        assertTrue(verdicts.get("inPlaceWallVsPerTrial"), "12 / 64 = 0.19");
        assertTrue(verdicts.get("searchAnswersSpread"), "0.9 - 0.85 = 0.05");
        assertTrue(verdicts.get("perTrialOverheadMedianS"));
        assertFalse(verdicts.get("matrixWallOverDurations"), "1.20 > 1.10");
        assertTrue(verdicts.get("cpuFidelityWorstRatio"), "0.98 is within 3 %");
        assertFalse(verdicts.get("parallelThroughputWorstDeviation"), "not measured");
        assertEquals(List.of("matrixWallOverDurations", "parallelThroughputWorstDeviation"),
                report.missed().stream().map(Target.Check::key).toList());
    }

    @Test
    void jsonIsOneFlatObjectWithEveryFigureTheIssueNames(@TempDir Path directory) throws Exception {
        BenchReport report = report(0.30, 1.05, 0.02);
        Path file = directory.resolve("bench/20261128T100000Z.json");

        report.write(file);
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file));

        for (String key : List.of("schemaVersion", "measuredAt", "limitlabVersion", "host", "loadAverageAtStart",
                "perTrialOverheadMedianS", "perTrialOverheadP95S", "setupMedianS", "teardownMedianS",
                "matrixWallOverDurations", "wallVsCliRatio", "limitlabWallS", "cliWallS", "measured",
                "selfCpuPctOfCore100ms", "selfCpuPctOfCore1s", "detectionLatencyP50Ms", "detectionLatencyP99Ms",
                "cpuFidelityRatios", "cpuFidelityWorstRatio", "restartDelays", "restartDelayExcessMedianS",
                "restartDelaysAtLeastBackoff", "parallelTrials", "parallelThroughputWorstDeviation", "driverVsWrkRatio",
                "driverOverheadP50Ms", "driverResidentBytesMax", "driverCgroupPeakBytesMax", "driverCeilingRounds",
                "searchTrialsToCpuAnswer", "searchWallVsGrid", "inPlaceWallVsPerTrial", "searchAnswersSpread", "grid", "perTrial",
                "inPlace", "disturbanceTrials", "disturbedFlaggedRatio", "quietFlaggedRatio", "quietCpuRatios",
                "quietCpuWorstRatio", "unflaggedCpuWorstRatio", "phasesRun", "targets", "phases")) {
            assertTrue(json.has(key), key + " in " + fieldNames(json));
        }
        assertFalse(json.has("overhead") || json.has("cli") || json.has("detection") || json.has("driver"),
                "sections are unwrapped: " + fieldNames(json));
        assertEquals("driver", json.get("phasesRun").get(4).asText());
        assertEquals("wrk", json.get("driverCeilingRounds").get(1).get("tool").asText());
        assertEquals("2026-11-28T10:00:00Z", json.get("measuredAt").asText());
        assertEquals(0.98, json.get("cpuFidelityRatios").get("1.5").asDouble(), EPS);
        assertEquals(0.25, json.get("restartDelays").get(0).get("excessS").asDouble(), EPS);
        assertEquals(1.01, json.get("parallelTrials").get(0).get("ratio").asDouble(), EPS);
        JsonNode target = json.get("targets").get(0);
        assertEquals("perTrialOverheadMedianS", target.get("key").asText());
        assertEquals(0.30, target.get("measured").asDouble(), EPS);
        assertTrue(target.get("pass").asBoolean());
        assertTrue(json.get("measured").get("cli").asText().contains("docker inspect"));
        assertEquals(0.9, json.get("phases").get("overhead").get("hostBusyCores").asDouble(), EPS);
    }

    @Test
    void theTableShowsEachFigureWithItsTargetAndVerdict() {
        List<String> table = Bench.table(report(0.30, 1.20, 0.02));

        assertTrue(table.get(0).startsWith("figure"), table.get(0));
        assertTrue(table.stream().anyMatch(line -> line.startsWith("per-trial overhead, median of 20") && line.contains("0.300 s")
                && line.contains("<= 0.35 s") && line.endsWith("met")), String.join("\n", table));
        assertTrue(table.stream().anyMatch(line -> line.startsWith("matrix wall / sum of durations (50.4 s / 40 s)")
                && line.contains("1.200") && line.endsWith("MISSED")), String.join("\n", table));
        assertTrue(table.stream().anyMatch(line -> line.startsWith("cli measured ") && line.contains("docker inspect")),
                String.join("\n", table));
        assertTrue(table.stream().anyMatch(line -> line.contains("CPU used / cpus at 1.5") && line.contains("0.980")),
                String.join("\n", table));
    }

    /** A report with every section filled in, the overhead median, matrix ratio and parallel deviation as given. */
    private static BenchReport report(double overheadMedian, double matrixRatio, Double parallelDeviation) {
        List<OverheadRecorder.TrialOverhead> overheads = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> new OverheadRecorder.TrialOverhead(i, overheadMedian - 0.1, 0.1, 0.4)).toList();
        CliReference.Outcome cli = new CliReference.Outcome(30.0, List.of(
                new CliReference.CliTrial(1, 100.0, 100.3, 101.3, 101.4, 9, "running", 0, false, 0)));
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        BenchReport.Parallel parallel = parallelDeviation == null
                ? new BenchReport.Parallel(List.of(), null)
                : new BenchReport.Parallel(List.of(new BenchReport.ParallelTrial(1, "cpus=0.5", "0", 100.0, 101.0)), parallelDeviation);
        return BenchReport.of(t, "0.1.0", new BenchReport.Host(2, 24L << 30, "20.10.24", "6.1.0", "v1"), 0.4, 2.1,
                BenchReport.Overhead.of(overheads),
                new BenchReport.Matrix(42.0 * matrixRatio, 40.0, matrixRatio),
                BenchReport.CliComparison.of(28.0, List.of(trial("short-cpu", "cpu").cpus(0.5).build(1)), 40, cli),
                new BenchReport.SelfCpu(1.2, 0.4),
                BenchReport.Detection.of(List.of(2.0, 3.0, 40.0)),
                new BenchReport.CpuFidelity(Map.of("1.5", 0.98), 0.98),
                new BenchReport.RestartFidelity(List.of(new BenchReport.RestartDelay(1, 2, 0.35, 0.1)), 0.25, 0.25, true),
                parallel,
                driver(),
                BenchReport.SearchComparison.of(new BenchReport.SearchComparison.Way(39, 420.0, 0.85),
                        new BenchReport.SearchComparison.Way(6, 64.0, 0.85), new BenchReport.SearchComparison.Way(6, 12.0, 0.9)),
                BenchReport.Disturbance.of(List.of(
                        new BenchReport.DisturbedTrial(1, 1, 0.5, 7, 0.12, 0.9, 1.8, true),
                        new BenchReport.DisturbedTrial(1, 2, 1.0, 0, 0.99, 0.01, 0.1, false))),
                EnumSet.allOf(BenchPhase.class),
                Map.of("overhead", new BenchReport.Phase("results/bench/runs/overhead/20261128T100000Z", 25.0, 0.02, 0.9, 0.6)));
    }

    @Test
    void driverVsWrkIsTheRatioOfEachToolsMedianOverTheCeilingRounds() {
        BenchReport.Driver driver = driver();

        assertEquals(9_000, driver.driverRequestsPerSec(), EPS, "median of 8000, 9000, 9500");
        assertEquals(10_000, driver.wrkRequestsPerSec(), EPS, "median of 10000, 12000, 9000");
        assertEquals(0.9, driver.driverVsWrkRatio(), EPS);
        assertEquals(3, driver.driverErrors());
        assertEquals(1, driver.wrkErrors());
    }

    @Test
    void driverOverheadIsItsMedianP50OnOneConnectionAndItsMemoryTheLargestOfAnyRound() {
        BenchReport.Driver driver = driver();

        assertEquals(0.110, driver.driverOverheadP50Ms(), EPS, "nearest-rank median of 0.110 and 0.130 is the lower");
        assertEquals(0.060, driver.wrkOneConnectionP50Ms(), EPS);
        assertEquals(60L << 20, driver.driverResidentBytesMax(), "a ceiling round's, above the one-connection rounds'");
        assertEquals(70L << 20, driver.driverCgroupPeakBytesMax());
    }

    @Test
    void noRoundsOfAToolLeaveTheRatioUnmeasured() {
        BenchReport.Driver driver = BenchReport.Driver.of("GET /", "nginx on CPU 0", 16,
                List.of(round(1, BenchReport.DriverRound.Tool.DRIVER, 16, 9_000, 0.5, 0)), List.of());

        assertNull(driver.wrkRequestsPerSec());
        assertNull(driver.driverVsWrkRatio());
        assertNull(driver.driverOverheadP50Ms());
    }

    @Test
    void onlyTheTargetsOfThePhasesRunAreJudgedAndPrinted(@TempDir Path directory) throws Exception {
        BenchReport report = BenchReport.of(Instant.parse("2026-11-28T10:00:00Z"), "0.1.0",
                new BenchReport.Host(2, 24L << 30, "20.10.24", "6.1.0", "v1"), 0.4, 2.1,
                null, null, null, null, null, null, null, null, driver(), null, null, EnumSet.of(BenchPhase.DRIVER), Map.of());

        assertEquals(List.of("driverVsWrkRatio"), report.targets().stream().map(Target.Check::key).toList());
        assertTrue(report.missed().isEmpty());
        Path file = directory.resolve("bench.json");
        report.write(file);
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file));
        assertFalse(json.has("perTrialOverheadMedianS") || json.has("cpuFidelityRatios"), fieldNames(json).toString());
        List<String> table = Bench.table(report);
        assertTrue(table.stream().noneMatch(line -> line.startsWith("per-trial overhead")), String.join("\n", table));
    }

    @Test
    void theTableShowsTheDriverFiguresAndAMissedRatio() {
        BenchReport.Driver slow = BenchReport.Driver.of("GET / (nginx's static page)", "nginx on CPU 0, driver and wrk in turn on CPU 1", 16,
                List.of(round(1, BenchReport.DriverRound.Tool.DRIVER, 16, 7_000, 1.0, 0),
                        round(1, BenchReport.DriverRound.Tool.WRK, 16, 10_000, 0.8, 0)),
                List.of(round(1, BenchReport.DriverRound.Tool.DRIVER, 1, 4_000, 0.125, 0)));
        BenchReport report = BenchReport.of(Instant.parse("2026-11-28T10:00:00Z"), "0.1.0",
                new BenchReport.Host(2, 24L << 30, "20.10.24", "6.1.0", "v1"), 0.4, 2.1,
                null, null, null, null, null, null, null, null, slow, null, null, EnumSet.of(BenchPhase.DRIVER), Map.of());

        List<String> table = Bench.table(report);

        String text = String.join("\n", table);
        assertTrue(table.stream().anyMatch(line -> line.startsWith("load driver req/s / wrk req/s") && line.contains("0.700")
                && line.contains(">= 0.8") && line.endsWith("MISSED")), text);
        assertTrue(table.stream().anyMatch(line -> line.contains("driver / wrk req/s, median, 16 connections") && line.contains("7000 / 10000")), text);
        assertTrue(table.stream().anyMatch(line -> line.contains("per round, lowest-highest, driver / wrk") && line.contains("7000-7000 / 10000-10000")), text);
        assertTrue(table.stream().anyMatch(line -> line.startsWith("driver latency p50, 1 connection") && line.contains("0.125 ms (-)")), text);
        assertTrue(table.stream().anyMatch(line -> line.startsWith("driver resident memory") && line.contains("50.0 MiB")), text);
        assertTrue(table.stream().anyMatch(line -> line.startsWith("driver phase: GET / (nginx's static page); nginx on CPU 0")), text);
    }

    @Test
    void aPhaseNameIsCheckedWithTheNamesInTheMessage() {
        assertEquals(BenchPhase.DRIVER, BenchPhase.of("driver"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchPhase.of("drivers"));
        assertEquals("\"drivers\" is not a bench phase (phases: detection, overhead, fidelity, parallel, driver, search, disturbance)", e.getMessage());
    }

    /** Three alternated ceiling rounds at 16 connections and two one-connection rounds. */
    private static BenchReport.Driver driver() {
        BenchReport.DriverRound.Tool d = BenchReport.DriverRound.Tool.DRIVER;
        BenchReport.DriverRound.Tool w = BenchReport.DriverRound.Tool.WRK;
        List<BenchReport.DriverRound> ceiling = List.of(
                new BenchReport.DriverRound(1, d, 16, 8_000, 1.9, 2, 60L << 20, 70L << 20),
                round(1, w, 16, 10_000, 1.5, 1),
                round(2, w, 16, 12_000, 1.3, 0),
                new BenchReport.DriverRound(2, d, 16, 9_500, 1.7, 1, 58L << 20, null),
                new BenchReport.DriverRound(3, d, 16, 9_000, 1.8, 0, 59L << 20, 69L << 20),
                round(3, w, 16, 9_000, 1.6, 0));
        List<BenchReport.DriverRound> overhead = List.of(
                new BenchReport.DriverRound(1, d, 1, 7_000, 0.130, 0, 40L << 20, 50L << 20),
                round(1, w, 1, 15_000, 0.060, 0),
                round(2, w, 1, 14_000, 0.070, 0),
                new BenchReport.DriverRound(2, d, 1, 7_500, 0.110, 0, 41L << 20, 51L << 20));
        return BenchReport.Driver.of("GET / (nginx's static page)", "nginx on CPU 0, driver and wrk in turn on CPU 1", 16, ceiling, overhead);
    }

    private static BenchReport.DriverRound round(int round, BenchReport.DriverRound.Tool tool, int connections, double perSec,
                                                 double p50Ms, long errors) {
        return new BenchReport.DriverRound(round, tool, connections, perSec, p50Ms, errors,
                tool == BenchReport.DriverRound.Tool.DRIVER ? 50L << 20 : null, null);
    }

    private static String event(String action, String time, String recorded) {
        return "{\"trial\":1,\"record\":{\"containerId\":\"c1\",\"action\":\"" + action + "\",\"time\":\"" + time
                + "\",\"exitCode\":null,\"recorded\":\"" + recorded + "\"}}";
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
