package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.TrialResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check on a busy host: a baseline saved as the host is, then a check while six busy loops, each under {@code setsid}
 * (a scheduling group of its own, see engine-facts.md "A busy host"), compete for both CPUs. The starved trial is
 * flagged disturbed and rerun; the check exits 0 (a rerun came out clean) or 6, never 4, and junit.xml has no failure.
 */
class BusyHostIT {
    private static final String SCENARIO = """
            name: busy-host-it
            regression:
              throughput: -25% or 3cv
              throttled-ratio: off
            experiments:
              - name: cpu
                workload: {kind: cpu, threads: 2, load: 100}
                limits: {cpus: 1.0}
                duration: 4s
                warmup: 1s
            """;
    private static final int LOOPS = 6;

    @TempDir
    Path dir;

    private static CliRun limitlab(String... args) {
        CliRun run = CliRun.of(args);
        System.out.printf("$ limitlab %s -> exit %d%n%s%s%n", String.join(" ", args), run.exit(), run.out(), run.err());
        return run;
    }

    @Test
    void aCheckUnderSixSetsidLoopsIsNeverARegression() throws Exception {
        Path scenario = Files.writeString(dir.resolve("busy.yaml"), SCENARIO);
        Path results = dir.resolve("results");
        CliRun run = limitlab("run", scenario.toString(), "--results", results.toString(), "--no-confirm");
        Path baseline = dir.resolve("busy.baseline.json");
        CliRun saved = limitlab("baseline", "save", results.resolve("busy-host-it").toString(), "-o", baseline.toString());
        Assumptions.assumeTrue(run.exit() == 0 && saved.exit() == 0,
                "the host was too busy to save a baseline (load: " + Files.readString(Path.of("/proc/loadavg")).strip() + ")");

        List<Process> loops = new ArrayList<>();
        CliRun check;
        try {
            for (int i = 0; i < LOOPS; i++) {
                // Not a process-group leader, setsid(1) calls setsid() itself and execs: the PID is the loop's.
                loops.add(new ProcessBuilder("setsid", "sh", "-c", "while :; do :; done").start());
            }
            check = limitlab("check", scenario.toString(), "--baseline", baseline.toString(), "--results", results.toString(),
                    "--no-confirm", "--reruns", "1");
        } finally {
            for (Process loop : loops) {
                loop.destroyForcibly(); // by its PID
                loop.waitFor(5, TimeUnit.SECONDS);
            }
        }
        assertTrue(loops.stream().noneMatch(Process::isAlive), "a busy loop outlived the test");
        assertNotEquals(ExitCode.REGRESSION.code(), check.exit(), check.out());
        assertTrue(check.exit() == ExitCode.OK.code() || check.exit() == ExitCode.INCONCLUSIVE.code(), check.out());

        Path runDirectory;
        try (Stream<Path> runs = Files.list(results.resolve("busy-host-it"))) {
            runDirectory = runs.filter(Files::isDirectory).sorted().reduce((a, b) -> b).orElseThrow();
        }
        String junit = Files.readString(runDirectory.resolve("junit.xml"));
        assertFalse(junit.contains("<failure"), junit);
        RunRecord checked = RunJson.read(runDirectory.resolve(RunJson.FILE_NAME));
        TrialResult trial = checked.trials().get(0);
        TrialResult first = trial.attempts().isEmpty() ? trial : trial.attempts().get(0);
        assertTrue(first.disturbed(), "the first attempt under six setsid loops: " + first.metrics().contention());
        if (check.exit() == ExitCode.INCONCLUSIVE.code()) {
            assertTrue(trial.inconclusive());
            assertTrue(junit.contains("type=\"inconclusive\""), junit);
            assertTrue(Files.readString(runDirectory.resolve("summary.md")).contains("The host was busy"));
        } else {
            assertFalse(trial.attempts().isEmpty(), "exit 0 under six loops needs a clean rerun");
        }
    }
}
