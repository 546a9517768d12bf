package dev.limitlab.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunJsonTest {
    private static final Path SMALL_RUN = Path.of("src/test/resources/runs/small/run.json");

    @TempDir
    Path dir;

    @Test
    void writesStatusesEndReasonsSamplersAndTheRecommendationAsRunJsonSpellsThem() throws IOException {
        TrialMetrics metrics = new TrialMetrics(0.5, null, null, null, null, null, null, null, 0, null, 0, null, null, null,
                null, null, null, null, Sampler.CGROUP, 10, null, null, null);
        TrialResult trial = new TrialResult(1, "cpu", "cpu", 1, "c1", new TrialLimits(0.5, null, null, 1024L, "no", null),
                null, Instant.EPOCH, Instant.EPOCH, EndReason.DURATION, metrics, null);
        Recommendation recommendation = new Recommendation(0.5, 0.5, List.of(), null, null, null, "on-failure:5", null, null,
                List.of(), "--cpus 0.5", "services:", "resources:", null, Map.of("cpu", 10.0), RecommendTargets.DEFAULTS,
                List.of(new Confirmation(2, 10.0, 1.0, 0.0, 0, 0, true, "passed")));
        RunRecord run = new RunRecord(RunRecord.SCHEMA_VERSION, "r1", "s", "s.yaml", "test", null, Instant.EPOCH,
                Instant.EPOCH, RunStatus.ENGINE_LOST, List.of(trial), null, null, recommendation);

        RunJson.write(run, dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve(RunJson.FILE_NAME).toFile());

        assertEquals("engine-lost", json.get("status").asText());
        assertEquals("duration", json.at("/trials/0/endReason").asText());
        assertEquals("cgroup", json.at("/trials/0/metrics/sampler").asText());
        assertEquals(0.5, json.at("/recommendation/cpus").asDouble());
        assertEquals("--cpus 0.5", json.at("/recommendation/dockerRunFlags").asText());
        assertEquals(0.95, json.at("/recommendation/targets/throughputTarget").asDouble());
        assertEquals("passed", json.at("/recommendation/confirmations/0/reason").asText());
        assertEquals(run, RunJson.read(dir.resolve(RunJson.FILE_NAME)));
    }

    @Test
    void readsARunJsonWrittenBeforeTheTypesAndWithoutARecommendation() throws IOException {
        RunRecord old = RunJson.read(SMALL_RUN);

        assertEquals(RunStatus.COMPLETE, old.status());
        assertEquals(EndReason.ERROR, old.trials().get(2).endReason());
        assertEquals(EndReason.EXITED, old.trials().get(4).endReason());
        assertNull(old.recommendation());
    }
}
