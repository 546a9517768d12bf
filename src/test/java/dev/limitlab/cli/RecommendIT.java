package dev.limitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped sweeps, run for real, give recommendations in the bands the measurements support, each number
 * with its evidence, and the reports rebuild from the raw files.
 */
class RecommendIT {
    @TempDir
    Path results;

    private JsonNode run(String scenario) throws Exception {
        CliRun run = CliRun.of("run", scenario, "--results", results.toString(), "--no-lock");
        assertEquals(0, run.exit(), run.out() + run.err());
        try (Stream<Path> files = Files.walk(results)) {
            Path runJson = files.filter(f -> f.toString().contains("/" + scenarioName(scenario) + "/"))
                    .filter(f -> f.getFileName().toString().equals("run.json")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(runJson.toFile());
        }
    }

    private static String scenarioName(String file) {
        return Path.of(file).getFileName().toString().replace(".yaml", "");
    }

    @Test
    void aWorkloadDemandingSixTenthsOfACoreGetsCpusBetween060And085() throws Exception {
        JsonNode run = run("scenarios/cpu-sweep.yaml");
        JsonNode recommendation = run.get("recommendation");
        double cpus = recommendation.get("cpus").asDouble();
        assertTrue(cpus >= 0.6 && cpus <= 0.85, "recommended cpus " + cpus + ": " + recommendation.get("evidence").get("cpus"));
        assertFalse(recommendation.get("evidence").get("cpus").isEmpty());
        assertEquals(1, recommendation.get("confirmations").size(), "one confirmation trial of the workload");
    }

    @Test
    void aWorkloadHolding150MiBGetsMemoryBetween160And224MiBAndReportsRebuild() throws Exception {
        JsonNode run = run("scenarios/memory-sweep.yaml");
        JsonNode recommendation = run.get("recommendation");
        double mebibytes = recommendation.get("memoryBytes").asLong() / 1048576.0;
        assertTrue(mebibytes >= 160 && mebibytes <= 224, "recommended memory " + mebibytes + " MiB: "
                + recommendation.get("evidence").get("memoryBytes"));
        assertFalse(recommendation.get("evidence").get("memoryBytes").isEmpty());

        Path runDirectory;
        try (Stream<Path> dirs = Files.list(results.resolve("memory-sweep"))) {
            runDirectory = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        CliRun report = CliRun.of("report", runDirectory.toString());
        assertEquals(0, report.exit(), report.out() + report.err());
        String html = Files.readString(runDirectory.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,"), "charts are embedded");
        byte[] first = Files.readAllBytes(runDirectory.resolve("report.md"));
        assertEquals(0, CliRun.of("report", runDirectory.toString()).exit());
        assertEquals(new String(first), Files.readString(runDirectory.resolve("report.md")), "a rebuild gives the same report");
        assertTrue(Files.readString(runDirectory.resolve("summary.csv")).lines().findFirst().orElseThrow().contains("experiment"));
    }
}
