package dev.limitlab.cli;

import dev.limitlab.metrics.RunJson;
import dev.limitlab.regression.BaselineJson;
import dev.limitlab.regression.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.limitlab.regression.Runs.MIB;
import static dev.limitlab.regression.Runs.cpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** baseline save, and check's bad input, which fails before any engine is needed. */
class RegressionCommandsTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path runDirectory(String timestamp, String status) throws Exception {
        Path directory = Files.createDirectories(dir.resolve("results/nightly").resolve(timestamp));
        RunJson.write(Runs.run(timestamp + "-0001").cpu(cpus(1.0), 100_000, 1, 1, 17 * MIB).cpu(cpus(1.0), 80_000, 1, 1, 17 * MIB)
                .build(status), directory);
        return directory;
    }

    private Path scenario() throws Exception {
        return Files.writeString(dir.resolve("nightly.yaml"), "name: nightly\nexperiments: [{name: cpu, workload: {kind: cpu}}]\n");
    }

    @Test
    void savesABaselineFromARunDirectoryAndNotesNoisyFigures() throws Exception {
        Path run = runDirectory("20261128T020000Z", "complete");
        Path target = dir.resolve("baselines/nightly.json");

        assertEquals(ExitCodes.OK, run("baseline", "save", run.toString(), "-o", target.toString()), err.toString());

        assertEquals(BaselineJson.render(BaselineJson.fromRun(run.resolve("run.json"))), Files.readString(target));
        assertTrue(out.toString().startsWith("saved " + target + ": baseline of nightly from run 20261128T020000Z-0001, 1 configuration(s)\n"),
                out.toString());
        assertTrue(out.toString().contains("note: cpu cpus=1 throughput varies across 2 repeats (cv 0.16)"), out.toString());
    }

    @Test
    void aScenariosResultsDirectoryMeansItsLatestRun() throws Exception {
        runDirectory("20261127T020000Z", "complete");
        runDirectory("20261128T020000Z", "complete");
        Path target = dir.resolve("nightly.json");
        assertEquals(ExitCodes.OK, run("baseline", "save", dir.resolve("results/nightly").toString(), "-o", target.toString()), err.toString());
        assertEquals("20261128T020000Z-0001", BaselineJson.read(target).runId());
    }

    @Test
    void anIncompleteRunOrAMissingOneIsBadInput() throws Exception {
        Path run = runDirectory("20261128T020000Z", "interrupted");
        assertEquals(ExitCodes.BAD_INPUT, run("baseline", "save", run.toString()));
        assertEquals("error: run 20261128T020000Z-0001 is interrupted (expected a complete run to save as a baseline)", err.toString().strip());

        assertEquals(ExitCodes.BAD_INPUT, run("baseline", "save", dir.resolve("nope").toString()));
        assertEquals(ExitCodes.BAD_INPUT, run("baseline", "save", Files.createDirectories(dir.resolve("empty")).toString()));
        assertTrue(err.toString().contains("holds no run.json (expected a run's directory"), err.toString());
    }

    @Test
    void checkRefusesABadBaselineBeforeNeedingAnEngine() throws Exception {
        Path scenario = scenario();
        assertEquals(ExitCodes.BAD_INPUT, run("check", scenario.toString(), "--baseline", dir.resolve("missing.json").toString()));
        assertEquals("error: no such file: " + dir.resolve("missing.json"), err.toString().strip());

        Path other = dir.resolve("other.json");
        Files.writeString(other, BaselineJson.render(BaselineJson.fromRun(runDirectory("20261128T020000Z", "complete").resolve("run.json")))
                .replace("\"scenario\" : \"nightly\"", "\"scenario\" : \"quickstart\""));
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.BAD_INPUT, run("check", scenario.toString(), "--baseline", other.toString()));
        assertEquals("error: " + other + " is a baseline of scenario \"quickstart\", not \"nightly\" (expected one saved from a run of "
                + scenario + ")", err.toString().strip());

        assertEquals(ExitCodes.BAD_INPUT, run("run", scenario.toString(), "--baseline", other.toString()), "run --baseline checks the same way");
        assertEquals(ExitCodes.BAD_INPUT, run("check", scenario.toString()), "--baseline is required");
    }

    @Test
    void helpListsCheckAndBaseline() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("check") && out.toString().contains("baseline"), out.toString());
    }
}
