package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.regression.BaselineJson;
import dev.limitlab.regression.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exit();
    }

    private Path runDirectory(String timestamp, RunStatus status) throws Exception {
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
        Path run = runDirectory("20261128T020000Z", RunStatus.COMPLETE);
        Path target = dir.resolve("baselines/nightly.json");

        assertEquals(ExitCode.OK.code(), run("baseline", "save", run.toString(), "-o", target.toString()), last.err());

        assertEquals(BaselineJson.render(BaselineJson.fromRun(run.resolve("run.json"))), Files.readString(target));
        assertTrue(last.out().startsWith("saved " + target + ": baseline of nightly from run 20261128T020000Z-0001, 1 configuration(s)\n"),
                last.out());
        assertTrue(last.out().contains("note: cpu cpus=1 throughput varies across 2 repeats (cv 0.16)"), last.out());
    }

    @Test
    void aScenariosResultsDirectoryMeansItsLatestRun() throws Exception {
        runDirectory("20261127T020000Z", RunStatus.COMPLETE);
        runDirectory("20261128T020000Z", RunStatus.COMPLETE);
        Path target = dir.resolve("nightly.json");
        assertEquals(ExitCode.OK.code(), run("baseline", "save", dir.resolve("results/nightly").toString(), "-o", target.toString()), last.err());
        assertEquals("20261128T020000Z-0001", BaselineJson.read(target).runId());
    }

    @Test
    void anIncompleteRunOrAMissingOneIsBadInput() throws Exception {
        Path run = runDirectory("20261128T020000Z", RunStatus.INTERRUPTED);
        assertEquals(ExitCode.BAD_INPUT.code(), run("baseline", "save", run.toString()));
        assertEquals("error: run 20261128T020000Z-0001 is interrupted (expected a complete run to save as a baseline)", last.err().strip());

        assertEquals(ExitCode.BAD_INPUT.code(), run("baseline", "save", dir.resolve("nope").toString()));
        assertEquals(ExitCode.BAD_INPUT.code(), run("baseline", "save", Files.createDirectories(dir.resolve("empty")).toString()));
        assertTrue(last.err().contains("holds no run.json (expected a run's directory"), last.err());
    }

    @Test
    void checkRefusesABadBaselineBeforeNeedingAnEngine() throws Exception {
        Path scenario = scenario();
        assertEquals(ExitCode.BAD_INPUT.code(), run("check", scenario.toString(), "--baseline", dir.resolve("missing.json").toString()));
        assertEquals("error: no such file: " + dir.resolve("missing.json"), last.err().strip());

        Path other = dir.resolve("other.json");
        Files.writeString(other, BaselineJson.render(BaselineJson.fromRun(runDirectory("20261128T020000Z", RunStatus.COMPLETE).resolve("run.json")))
                .replace("\"scenario\" : \"nightly\"", "\"scenario\" : \"quickstart\""));
        assertEquals(ExitCode.BAD_INPUT.code(), run("check", scenario.toString(), "--baseline", other.toString()));
        assertEquals("error: " + other + " is a baseline of scenario \"quickstart\", not \"nightly\" (expected one saved from a run of "
                + scenario + ")", last.err().strip());

        assertEquals(ExitCode.BAD_INPUT.code(), run("run", scenario.toString(), "--baseline", other.toString()), "run --baseline checks the same way");
        assertEquals(ExitCode.BAD_INPUT.code(), run("check", scenario.toString()), "--baseline is required");
    }

    @Test
    void helpListsCheckAndBaseline() {
        assertEquals(0, run("--help"));
        assertTrue(last.out().contains("check") && last.out().contains("baseline"), last.out());
    }
}
