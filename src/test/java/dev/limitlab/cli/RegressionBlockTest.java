package dev.limitlab.cli;

import dev.limitlab.metrics.Metric;
import dev.limitlab.scenario.RegressionRules;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioException;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionBlockTest {
    @TempDir
    Path dir;

    private Path scenario(String yaml) throws Exception {
        return Files.writeString(dir.resolve("nightly.yaml"), yaml);
    }

    private String rejection(String yaml) throws Exception {
        Path file = scenario(yaml);
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file)).getMessage().substring(file.toString().length() + 1);
    }

    @Test
    void readsTheBlockOverTheDefaultsAndLoadsTheRest() throws Exception {
        Path file = scenario("""
                name: nightly
                regression:            # what may move
                  throughput: -20% or 3cv
                  restarts: off
                  cpu-used: +3cv

                experiments:
                  - name: cpu
                    workload: {kind: cpu}
                    limits: {cpus: 1.0}
                """);
        Scenario scenario = ScenarioLoader.load(file);

        assertEquals("nightly", scenario.name());
        assertEquals(file, scenario.source());
        assertEquals(List.of("cpu"), scenario.experiments().stream().map(e -> e.name()).toList());
        assertEquals("-20% or 3cv", scenario.regression().rule(Metric.THROUGHPUT).orElseThrow().text());
        assertEquals(List.of("throughput", "throttled-ratio", "memory-peak", "oom-kills", "cpu-used", "score", "latency-p99", "error-rate"),
                scenario.regression().checked().stream().map(rule -> rule.metric().regressionKey()).toList());
    }

    @Test
    void aFlowBlockAtTheEndWorksToo() throws Exception {
        Scenario scenario = ScenarioLoader.load(scenario("""
                name: nightly
                experiments: [{name: cpu, workload: {kind: cpu}}]
                regression: {throughput: -15%,
                  oom-kills: no-increase}
                """));
        assertEquals("-15%", scenario.regression().rule(Metric.THROUGHPUT).orElseThrow().text());
    }

    @Test
    void withoutABlockTheDefaultsApply() throws Exception {
        Scenario scenario = ScenarioLoader.load(scenario("name: nightly\nexperiments: [{name: cpu, workload: {kind: cpu}}]\n"));
        assertEquals(RegressionRules.DEFAULTS, scenario.regression());
    }

    @Test
    void theLoadersErrorsKeepTheirLinesAfterTheBlock() throws Exception {
        assertEquals("7:23: matrix.memory \"12XB\" is not a size (examples: 512m, 2g)", rejection("""
                name: nightly
                regression:
                  throughput: -10%
                experiments:
                  - name: memory
                    workload: {kind: memory, target: 100m}
                    matrix: {memory: [12XB]}
                """));
    }

    @Test
    void aBadRuleIsOneLocatedLine() throws Exception {
        assertEquals("3:15: regression.throughput \"-10x\" is not a tolerance (expected a tolerance such as -10%, +5pt, +16m, +3cv,"
                + " \"-10% or 3cv\", no-increase, exact or off)", rejection("""
                name: nightly
                regression:
                  throughput: -10x
                experiments: [{name: cpu, workload: {kind: cpu}}]
                """));
        assertEquals("3:14: regression.througput is not a metric limitlab checks (did you mean \"throughput\"?)", rejection("""
                name: nightly
                regression:
                  througput: -10%
                experiments: [{name: cpu, workload: {kind: cpu}}]
                """));
        assertTrue(rejection("name: nightly\nregression: [throughput]\nexperiments: [{name: cpu, workload: {kind: cpu}}]\n")
                .startsWith("2:13: regression is a list (expected a mapping of metric to tolerance"));
        assertTrue(rejection("name: nightly\nregression:\n  restarts:\nexperiments: [{name: cpu, workload: {kind: cpu}}]\n")
                .startsWith("3:12: regression.restarts has no value (expected a tolerance"));
        assertEquals("4:3: duplicate key \"restarts\" in regression (already set at line 3)",
                rejection("name: nightly\nregression:\n  restarts: exact\n  restarts: off\nexperiments: [{name: cpu, workload: {kind: cpu}}]\n"));
    }
}
