package dev.limitlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** scenarios/schema.json, for editors, must describe the language the loader reads: the same keys, and the examples conform. */
class ScenarioSchemaTest {
    private static final Path SCHEMA = Path.of("scenarios/schema.json");
    private static SchemaCheck schema;

    @BeforeAll
    static void readSchema() throws Exception {
        schema = SchemaCheck.of(SCHEMA);
    }

    static Stream<Path> examples() throws Exception {
        List<Path> files;
        // scenarios/bench/ holds what scripts/bench.sh runs
        try (Stream<Path> listing = Files.walk(Path.of("scenarios"), 2)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 8, "examples: " + files);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleLoadsAndConformsToTheSchema(Path example) throws Exception {
        Scenario scenario = ScenarioLoader.load(example, ScenarioGrammar.HOST_CPUS);

        assertEquals(example.getFileName().toString(), scenario.name() + ".yaml", "file named after its scenario");
        assertEquals(List.of(), schema.errors(Files.readString(example)));
        String schema = example.getParent().relativize(SCHEMA).toString();
        assertTrue(Files.readString(example).startsWith("# yaml-language-server: $schema="
                        + (schema.startsWith("..") ? schema : "./" + schema) + "\n"),
                "editors find the schema from the file's first line");
    }

    @Test
    void offersExactlyTheKeysTheLoaderReads() {
        assertEquals(ScenarioLoader.SCENARIO_KEYS, keys(schema.schema()));
        assertEquals(ScenarioLoader.DEFAULTS_KEYS, keys(schema.resolve("#/$defs/defaults")));
        assertEquals(ScenarioLoader.RECOMMEND_KEYS, keys(schema.resolve("#/$defs/recommend")));
        assertEquals(ScenarioLoader.EXPERIMENT_KEYS, keys(schema.resolve("#/$defs/experiment")));
        assertEquals(ScenarioLoader.LIMIT_KEYS, keys(schema.resolve("#/$defs/limits")));
        assertEquals(ScenarioLoader.LIMIT_KEYS, keys(schema.resolve("#/$defs/matrix")));
        assertEquals(ScenarioLoader.PHASE_KEYS, keys(schema.resolve("#/$defs/phase")));
        assertEquals(ScenarioLoader.SEARCH_KEYS, keys(schema.resolve("#/$defs/search")));
        assertEquals(ScenarioLoader.RANGE_KEYS, keys(schema.resolve("#/$defs/cpusRange")));
        assertEquals(ScenarioLoader.RANGE_KEYS, keys(schema.resolve("#/$defs/memoryRange")));

        List<String> kinds = new ArrayList<>();
        for (JsonNode option : schema.resolve("#/$defs/workload").get("oneOf")) {
            JsonNode workload = schema.resolve(option.get("$ref").asText());
            String kind = workload.at("/properties/kind/const").asText();
            kinds.add(kind);
            assertEquals(ScenarioLoader.WORKLOAD_KEYS.get(kind), keys(workload), kind);
            assertFalse(workload.path("additionalProperties").asBoolean(true), kind + " closes its keys");
        }
        assertEquals(ScenarioLoader.KINDS, kinds);
        List<String> phaseKinds = new ArrayList<>();
        schema.resolve("#/$defs/phase").at("/properties/workload/oneOf")
                .forEach(option -> phaseKinds.add(schema.resolve(option.get("$ref").asText()).at("/properties/kind/const").asText()));
        assertEquals(ScenarioLoader.PHASE_KINDS, phaseKinds);
    }

    @Test
    void everyGeneratedValidScenarioLoadsAndConforms() throws Exception {
        ScenarioGrammar grammar = new ScenarioGrammar(new Random(7L), 0);
        Set<String> kindsSeen = new TreeSet<>();
        for (int i = 0; i < 500; i++) {
            String text = grammar.scenario();
            Scenario scenario;
            try {
                scenario = ScenarioLoader.load("valid.yaml", new StringReader(text), ScenarioGrammar.HOST_CPUS);
            } catch (ScenarioException e) {
                throw new AssertionError(e.getMessage() + "\n---\n" + text, e);
            }
            scenario.experiments().forEach(experiment -> kindsSeen.add(experiment.workload().kind()));
            assertEquals(List.of(), schema.errors(text), text);
        }
        assertEquals(new TreeSet<>(ScenarioLoader.KINDS), kindsSeen);
    }

    /** The check is not vacuous: what the loader refuses for its shape, the schema refuses too. */
    @ParameterizedTest
    @ValueSource(strings = {
            "experiments: [{name: a, workload: {kind: cpu}}]",
            "name: x\nexperiments: []",
            "name: x\nbase: 1\nexperiments: [{name: a, workload: {kind: cpu}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: cpu}, privileged: true}]",
            "name: x\nexperiments: [{name: a, workload: {kind: gpu}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: memory}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: memory, threads: 2, target: 1g}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: crash, succeed-after: 2, exit-probability: 0.5}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: pids}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: command, image: busybox}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: phases, phases: [{duration: 1s, workload: {kind: crash}}]}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: phases, phases: [{duration: 1s, workload: {kind: pids, threads: 2, hold: 1s}}]}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: cpu}, limits: {cpus: 0}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: cpu}, limits: {memory: 12XB}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: cpu}, limits: {restart: sometimes}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: cpu}, matrix: {cpus: 1}}]",
            "name: x\nexperiments: [{name: a, workload: {kind: cpu}, duration: 10}]",
            "name: x\nrecommend: {cpu-headroom: 150%}\nexperiments: [{name: a, workload: {kind: cpu}}]",
    })
    void refusesWhatTheLoaderRefusesForItsShape(String yaml) {
        assertFalse(schema.errors(yaml).isEmpty(), "schema accepts " + yaml);
    }

    private static List<String> keys(JsonNode objectSchema) {
        List<String> keys = new ArrayList<>();
        objectSchema.get("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
