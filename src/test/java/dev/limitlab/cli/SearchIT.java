package dev.limitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Searches run for real: the CPU knee in both modes, and the OOM boundary, each in a handful of trials. */
class SearchIT {
    private static final double MIB = 1 << 20;

    @TempDir
    Path results;

    private JsonNode run(String yaml) throws Exception {
        Path scenario = results.resolve("search.yaml");
        Files.writeString(scenario, yaml);
        CliRun run = CliRun.of("run", scenario.toString(), "--results", results.toString(), "--no-lock", "--no-confirm");
        assertEquals(0, run.exit(), run.out() + run.err());
        try (Stream<Path> files = Files.walk(results)) {
            Path runJson = files.filter(f -> f.getFileName().toString().equals("run.json")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(runJson.toFile());
        }
    }

    private static List<JsonNode> steps(JsonNode run, String experiment) {
        List<JsonNode> steps = new ArrayList<>();
        run.get("trials").forEach(t -> {
            if (t.get("experiment").asText().equals(experiment)) {
                steps.add(t.get("search"));
            }
        });
        return steps;
    }

    private static JsonNode last(List<JsonNode> steps) {
        return steps.get(steps.size() - 1);
    }

    @Test
    void findsTheCpuKneeInBothModesWithinOnePrecisionStepOfEachOther() throws Exception {
        JsonNode run = run("""
                name: knee
                defaults: {duration: 5s, warmup: 1s}
                experiments:
                  - name: per-trial
                    workload: {kind: cpu, threads: 1, load: 65}
                    search: {cpus: {from: 0.1, to: 2.0, precision: 0.05}}
                  - name: in-place
                    workload: {kind: cpu, threads: 1, load: 65}
                    search: {cpus: {from: 0.1, to: 2.0, precision: 0.05}, mode: in-place}
                """);

        List<JsonNode> perTrial = steps(run, "per-trial");
        List<JsonNode> inPlace = steps(run, "in-place");
        assertTrue(perTrial.size() <= 10, perTrial.size() + " trials: " + perTrial);
        assertEquals("precision", last(perTrial).get("ended").asText(), perTrial.toString());
        assertEquals("precision", last(inPlace).get("ended").asText(), inPlace.toString());
        assertTrue(inPlace.stream().allMatch(s -> s.get("mode").asText().equals("in-place")));
        double perTrialKnee = last(perTrial).get("bracket").get("passes").asDouble();
        double inPlaceKnee = last(inPlace).get("bracket").get("passes").asDouble();
        assertTrue(Math.abs(perTrialKnee - inPlaceKnee) <= 0.05 + 1e-9, "per-trial " + perTrialKnee + ", in-place " + inPlaceKnee);

        JsonNode recommendation = run.get("recommendation");
        double cpus = recommendation.get("cpus").asDouble();
        // 0.65 of a core plus 15 % headroom, without doubling it
        assertTrue(cpus >= 0.65 * 1.15 - 0.05 && cpus <= 1.3, "recommended cpus " + cpus + ": " + recommendation.get("evidence").get("cpus"));
        assertTrue(recommendation.get("evidence").get("cpus").toString().contains("step 1 (trial 1): cpus=2 passes"),
                recommendation.get("evidence").get("cpus").toString());
    }

    @Test
    void findsTheOomBoundaryAndRecommendsAboveItWithHeadroom() throws Exception {
        JsonNode run = run("""
                name: boundary
                defaults: {duration: 5s}
                experiments:
                  - name: hold
                    workload: {kind: memory, target: 90m, rate: 200m/s, hold: 2s}
                    search: {memory: {from: 32m, to: 1g, precision: 16m}}
                """);

        List<JsonNode> steps = steps(run, "hold");
        assertTrue(steps.size() <= 10, steps.size() + " trials: " + steps);
        JsonNode bracket = last(steps).get("bracket");
        assertEquals("precision", last(steps).get("ended").asText(), steps.toString());
        double fails = bracket.get("fails").asDouble() / MIB;
        double passes = bracket.get("passes").asDouble() / MIB;
        assertTrue(fails < 90 + 40 && passes >= 90, "bracket " + fails + " to " + passes + " MiB");
        double memory = run.get("recommendation").get("memoryBytes").asDouble() / MIB;
        assertTrue(memory >= passes && memory >= fails * 1.15, "recommended " + memory + " MiB over the bracket "
                + fails + " to " + passes + " MiB: " + run.get("recommendation").get("evidence").get("memoryBytes"));
    }
}
