package dev.limitlab.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SearchBlockTest {
    private static final long MIB = 1L << 20;

    private static Scenario load(String experiment) throws Exception {
        return ScenarioLoader.load("s.yaml", new StringReader("name: s\nexperiments:\n  - name: api\n    workload: {kind: cpu, threads: 1, load: 65}\n"
                + experiment), 2);
    }

    @Test
    void readsTheSearchAsTheIssueSpellsIt() throws Exception {
        Search search = load("""
                    search:
                      cpus: {from: 0.1, to: 2.0, precision: 0.05}
                      memory: {from: 32m, to: 2g, precision: 16m}
                      max-trials: 12
                      max-time: 2m
                      mode: in-place
                """).experiments().get(0).search().orElseThrow();

        assertEquals(Optional.of(new Search.Range(Search.Resource.CPUS, 0.1, 2.0, 0.05)), search.cpus());
        assertEquals(Optional.of(new Search.Range(Search.Resource.MEMORY, 32 * MIB, 2048 * MIB, 16 * MIB)), search.memory());
        assertEquals(Optional.of(12), search.maxTrials());
        assertEquals(Optional.of(Duration.ofMinutes(2)), search.maxTime());
        assertEquals(Search.Mode.IN_PLACE, search.modeOf(search.cpus().orElseThrow()));
        assertEquals(Search.Mode.PER_TRIAL, search.modeOf(search.memory().orElseThrow()), "memory: a container per trial");
    }

    @Test
    void aSearchPlansNoTrialsOfItsOwnAndDefaultsToPerTrial() throws Exception {
        Experiment experiment = load("    search: {cpus: {from: 0.1, to: 2.0, precision: 0.05}}\n").experiments().get(0);

        assertEquals(Search.Mode.PER_TRIAL, experiment.search().orElseThrow().mode());
        assertEquals(Optional.empty(), experiment.search().orElseThrow().maxTrials());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "search: {cpus: {from: 1.0, to: 0.5, precision: 0.05}} | s.yaml:5: search.cpus.to 0.5 is not above from 1 (expected from < to, e.g. {from: 0.1, to: 2.0, precision: 0.05})",
            "search: {cpus: {from: 0.1, to: 0.1, precision: 0.05}} | s.yaml:5: search.cpus.to 0.1 is not above from 0.1 (expected from < to, e.g. {from: 0.1, to: 2.0, precision: 0.05})",
            "search: {cpus: {from: 0.1, to: 2.0, precision: 0}} | s.yaml:5: search.cpus.precision \"0\" must be more than 0 (expected cores above 0, e.g. 0.05)",
            "search: {cpus: {from: 0.1, to: 2.0, precision: 2.5}} | s.yaml:5: search.cpus.precision 2.5 is wider than the range 0.1 to 2 (expected a precision above 0 and at most to - from)",
            "search: {memory: {from: 32m, to: 64m, precision: 64m}} | s.yaml:5: search.memory.precision 64m is wider than the range 32m to 64m (expected a precision above 0 and at most to - from)",
            "search: {memory: {from: 32m, to: 1g, precision: 16m}, mode: in-place} | s.yaml:5: search.mode in-place changes a running container's CPU limit only, and a memory search needs a container per trial (expected mode: per-trial, or a cpus range)",
            "search: {cpus: {from: 0.1, to: 4, precision: 0.05}} | s.yaml:5: search.cpus.to \"4\" is more than the 2 CPUs of this host (expected at most 2)",
            "search: {cpus: {from: 0.1, to: 2, precision: 0.05}, mode: sideways} | s.yaml:5: search.mode \"sideways\" is not a known mode (expected one of: per-trial, in-place)",
            "search: {max-trials: 3} | s.yaml:5: search names no limit to find (expected cpus or memory, e.g. {cpus: {from: 0.1, to: 2.0, precision: 0.05}})",
            "search: {cpus: {from: 0.1, to: 2}} | s.yaml:5: search.cpus is missing required key \"precision\" (expected cores above 0, e.g. 0.05)"})
    void refusesBadSearchesInOneLocatedLine(String block, String expected) {
        String message = assertThrows(ScenarioException.class, () -> load("    " + block + "\n")).getMessage();
        assertEquals(expected, message.replaceFirst("^(s\\.yaml:\\d+):\\d+:", "$1:"), "located at line:column: " + message);
    }

    @Test
    void refusesSearchAndMatrixOnTheSameKey() {
        ScenarioException error = assertThrows(ScenarioException.class, () -> load("""
                    matrix: {cpus: [0.5, 1.0]}
                    search: {cpus: {from: 0.1, to: 2.0, precision: 0.05}}
                """));

        assertEquals("s.yaml:6:20: search.cpus is also varied by matrix.cpus (expected each key in search or matrix, not both)",
                error.getMessage());
    }
}
