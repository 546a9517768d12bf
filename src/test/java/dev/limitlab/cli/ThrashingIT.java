package dev.limitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.metrics.MemoryPressure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A memory workload held just under a tight limit while it re-reads a file of its own that does not fit beside it:
 * the kernel drops the file's pages and reads them back, over and over, and kills nothing. The trial is
 * {@code thrashing} on what the kernel counted (usage at the limit, major faults and refaults of the container's
 * memory cgroup), and the recommendation stays above that limit.
 */
class ThrashingIT {
    private static final long MIB = 1L << 20;
    private static final long TIGHT = 128 * MIB;
    /** ~100 MiB resident (the JVM included) leaves ~28 MiB under 128m for its 64 MiB file; under 256m both fit. */
    private static final Path SCENARIO = Path.of("scenarios/memory-thrashing.yaml");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aWorkloadRereadingItsFileUnderATightLimitThrashesAndTheRecommendationStaysAbove() throws Exception {
        Path results = dir.resolve("results");
        CliRun run = CliRun.of("run", SCENARIO.toString(), "--results", results.toString(), "--no-confirm");
        System.out.printf("$ limitlab run -> exit %d%n%s%s%n", run.exit(), run.out(), run.err());
        assertEquals(0, run.exit(), run.err());

        JsonNode record;
        try (Stream<Path> runs = Files.list(results.resolve("memory-thrashing"))) {
            Path runDirectory = runs.filter(Files::isDirectory).findFirst().orElseThrow();
            record = new ObjectMapper().readTree(runDirectory.resolve("run.json").toFile());
        }
        JsonNode tight = trialAt(record, TIGHT);
        JsonNode pressure = tight.get("metrics").get("memoryPressure");
        String seen = tight.get("metrics").toString();
        assertEquals(0, tight.get("metrics").get("oomKills").asInt(), "nothing was killed: " + seen);
        assertEquals(TIGHT, tight.get("metrics").get("memoryPeakBytes").asLong(), "the kernel's peak is the limit: " + seen);
        double seconds = pressure.get("secondsAtLimit").asDouble();
        assertTrue(seconds >= MemoryPressure.THRASHING_SECONDS, "at the limit for most of the 7 s hold: " + pressure);
        assertTrue(pressure.get("majorFaults").asLong() > 0, "pages came back from disk: " + pressure);
        assertTrue(pressure.get("refaultedPages").asLong() >= MemoryPressure.THRASHING_REFAULTS_PER_SECOND * seconds,
                "the file went round through reclaim: " + pressure);
        assertTrue(pressure.get("thrashing").asBoolean(), pressure.toString());
        assertFalse(trialAt(record, 2 * TIGHT).get("metrics").get("memoryPressure").get("thrashing").asBoolean(),
                "under 256m the file fits beside the held memory");

        JsonNode recommendation = record.get("recommendation");
        // The working set under 256m leaves out the file's pages (nothing pressed them): the limit that held is the evidence.
        assertTrue(recommendation.get("memoryBytes").asLong() >= 2 * TIGHT, recommendation.toString());
        assertTrue(recommendation.get("evidence").get("memoryBytes").toString().contains("thrashed"), recommendation.toString());
    }

    private static JsonNode trialAt(JsonNode record, long memory) {
        for (JsonNode trial : record.get("trials")) {
            if (trial.get("limits").get("memory").asLong() == memory) {
                return trial;
            }
        }
        throw new AssertionError("no trial at --memory " + memory + ": " + record.get("trials"));
    }
}
