package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The crash workload across the runs of a restarting container, each run simulated by a fresh agent in-process. */
@Timeout(10)
class CrashRestartsTest {

    @TempDir
    Path volume;

    @Test
    void failsTheFirstKRunsThenSucceeds() throws Exception {
        Path stateDir = volume.resolve("limitlab-agent"); // missing at first: the agent creates it
        List<Integer> exitCodes = new ArrayList<>();
        List<JsonNode> exitLines = new ArrayList<>();
        for (int run = 1; run <= 4; run++) {
            var agent = AgentRun.of("crash", "--run-for-ms", "20", "--exit-code", "3", "--succeed-after", "2",
                    "--state-dir", stateDir.toString());
            exitCodes.addAll(agent.exitCodes());
            exitLines.add(agent.only("exit"));
        }

        assertEquals(List.of(3, 3, 0, 0), exitCodes);
        assertEquals(List.of(1, 2, 3, 4), exitLines.stream().map(line -> line.get("run").asInt()).toList());
        assertEquals(List.of(3, 3, 0, 0), exitLines.stream().map(line -> line.get("exitCode").asInt()).toList());
        assertEquals("4\n", Files.readString(stateDir.resolve(RunCounter.FILE_NAME)));
        assertFalse(Files.exists(stateDir.resolve(RunCounter.FILE_NAME + ".tmp")), "no temporary file left behind");
    }

    @Test
    void countsRunsWithoutAVariationToo() {
        AgentRun.of("crash", "--run-for-ms", "0", "--exit-code", "1", "--state-dir", volume.toString());
        var second = AgentRun.of("crash", "--run-for-ms", "0", "--exit-code", "1", "--state-dir", volume.toString());

        assertEquals(List.of(1), second.exitCodes());
        assertEquals(2, second.only("exit").get("run").asInt());
    }

    @Test
    void exitLineHasNoRunWithoutAStateDir() {
        var run = AgentRun.of("crash", "--run-for-ms", "0", "--exit-code", "1", "--exit-probability", "1", "--seed", "1");

        assertFalse(run.only("exit").has("run"), run.lines().toString());
        assertEquals(List.of(1), run.exitCodes());
    }

    @Test
    void anUnreadableCountIsReportedAndExitsFour() throws Exception {
        Files.writeString(volume.resolve(RunCounter.FILE_NAME), "seven\n");

        var run = AgentRun.of("crash", "--run-for-ms", "0", "--exit-code", "1", "--state-dir", volume.toString());

        assertEquals(List.of(CrashWorkload.EXIT_STATE_DIR), run.exitCodes());
        JsonNode error = run.only("error");
        assertEquals("state-dir", error.get("error").asText());
        assertTrue(error.get("message").asText().endsWith("holds 'seven', not a run count"), error.toString());
    }

    @Test
    void aStateDirThatCannotBeCreatedIsReported() throws Exception {
        Path file = Files.writeString(volume.resolve("a-file"), "");

        var run = AgentRun.of("crash", "--run-for-ms", "0", "--exit-code", "1", "--state-dir", file.resolve("sub").toString());

        assertEquals(List.of(CrashWorkload.EXIT_STATE_DIR), run.exitCodes());
        assertEquals("state-dir", run.only("error").get("error").asText());
    }

    @Test
    void aFixedSeedReproducesTheOutcomesOfEveryRun() {
        Path first = volume.resolve("first");
        Path second = volume.resolve("second");
        List<Integer> firstCodes = new ArrayList<>();
        List<Integer> secondCodes = new ArrayList<>();
        for (int run = 1; run <= 12; run++) {
            firstCodes.addAll(probabilityRun(first, "0.5", "42").exitCodes());
            secondCodes.addAll(probabilityRun(second, "0.5", "42").exitCodes());
        }

        assertEquals(firstCodes, secondCodes);
        assertEquals(IntStream.rangeClosed(1, 12).mapToObj(run -> CrashWorkload.fails(42, run, 0.5) ? 3 : 0).toList(), firstCodes);
        assertTrue(firstCodes.contains(0) && firstCodes.contains(3), "runs differ although the seed is fixed: " + firstCodes);
    }

    @Test
    void failsAsOftenAsTheProbabilitySays() {
        for (double probability : new double[] {0.1, 0.3, 0.5, 0.9}) {
            long failures = IntStream.rangeClosed(1, 20_000).filter(run -> CrashWorkload.fails(7, run, probability)).count();
            assertEquals(probability, failures / 20_000.0, 0.015, "share of failed runs at " + probability);
        }
        assertTrue(IntStream.rangeClosed(1, 1000).noneMatch(run -> CrashWorkload.fails(7, run, 0)), "0 never fails");
        assertTrue(IntStream.rangeClosed(1, 1000).allMatch(run -> CrashWorkload.fails(7, run, 1)), "1 always fails");
    }

    @Test
    void probabilityZeroAndOneDecideEveryRun() {
        assertEquals(List.of(0), probabilityRun(volume, "0", "9").exitCodes());
        assertEquals(List.of(3), probabilityRun(volume, "1", "9").exitCodes());
        assertEquals(List.of(3), AgentRun.of("crash", "--run-for-ms", "0", "--exit-code", "3", "--exit-probability", "1").exitCodes());
    }

    private static AgentRun probabilityRun(Path stateDir, String probability, String seed) {
        return AgentRun.of("crash", "--run-for-ms", "0", "--exit-code", "3", "--exit-probability", probability, "--seed", seed,
                "--state-dir", stateDir.toString());
    }
}
