package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import dev.limitlab.engine.EngineBusyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI as users meet it, with no engine: bad input fails before any engine is needed. */
class MainTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aBadSizeEndsWithOneLineNamingFileLineKeyAndExpectationAndExitCode2() throws Exception {
        Path scenario = dir.resolve("bad.yaml");
        Files.writeString(scenario, """
                name: bad
                experiments:
                  - name: memory
                    workload: {kind: memory, target: 100m}
                    matrix: {memory: [12XB]}
                """);

        int exit = run("run", scenario.toString());

        assertEquals(ExitCode.BAD_INPUT.code(), exit);
        String[] lines = err.toString().strip().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("error: " + scenario + ":5:"), lines[0]);
        assertTrue(lines[0].contains("memory") && lines[0].contains("\"12XB\" is not a size"), lines[0]);
        assertFalse(err.toString().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void aMissingScenarioFileIsBadInput() {
        int exit = run("run", dir.resolve("nope.yaml").toString());
        assertEquals(ExitCode.BAD_INPUT.code(), exit);
        assertEquals("error: no such file: " + dir.resolve("nope.yaml"), err.toString().strip());
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Path scenario = dir.resolve("bad.yaml");
        Files.writeString(scenario, "name: bad\nexperiments: []\n");
        int exit = run("run", "--verbose", scenario.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), exit);
        assertTrue(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("run") && out.toString().contains("image") && out.toString().contains("cleanup"),
                out.toString());
    }

    @Test
    void runTakesTheLockOptionsAndCleanupItsOwn() {
        assertEquals(0, run("help", "run"));
        assertTrue(out.toString().contains("--no-wait") && out.toString().contains("--no-lock"), out.toString());
        assertEquals(0, run("help", "cleanup"));
        assertTrue(out.toString().contains("--force") && out.toString().contains("--dry-run"), out.toString());
    }

    @Test
    void anEngineBusyWithAnotherRunHasItsOwnExitCode() {
        assertEquals(ExitCode.ENGINE_BUSY.code(), Main.exitCode(new EngineBusyException("run x (pid 1) holds the lock")));
    }

    @Test
    void helpListsHarden() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("harden"), out.toString());
        assertEquals(0, run("harden", "--help"));
        assertTrue(out.toString().contains("--check") && out.toString().contains("--non-root-user"), out.toString());
    }

    @Test
    void hardenNeedsAnImageAndACommandBeforeAnyEngine() {
        assertEquals(ExitCode.BAD_INPUT.code(), run("harden", "--", "true"));
        assertTrue(err.toString().contains("--image"), err.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), run("harden", "--image", "limitlab-debian:bookworm"));
    }

    @Test
    void hardenRefusesARootNonRootUserAndABadTimeout() {
        assertEquals(ExitCode.BAD_INPUT.code(), run("harden", "--image", "img", "--non-root-user", "0:0", "--", "true"));
        assertTrue(err.toString().contains("the non-root user \"0:0\" is root"), err.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), run("harden", "--image", "img", "--timeout", "soon", "--", "true"));
        assertTrue(err.toString().contains("\"soon\" is not a duration"), err.toString());
    }

    @Test
    void aNegativeRerunCountIsOneLineOfBadInputBeforeAnyWork() {
        for (String command : new String[] {"run", "check"}) { // run has --baseline too
            err.getBuffer().setLength(0);
            assertEquals(ExitCode.BAD_INPUT.code(), run(command, "--reruns", "-1", "--baseline=b.json", "scenarios/quickstart.yaml"));
            assertEquals("error: Invalid value for option '--reruns': \"-1\" is below 0 (expected 0 or more) (see limitlab "
                    + command + " --help)", err.toString().strip());
        }
    }

    @Test
    void anUnknownOptionIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT.code(), run("run", "--no-such-option", "x.yaml"));
    }

    @Test
    void verboseIsOurOptionOnlyBeforeTheUsersCommand() {
        assertTrue(Main.verbose(Main.create(new PrintWriter(out), new PrintWriter(err)).parseArgs("run", "--verbose", "x.yaml")));
        assertTrue(Main.verbose(Main.create(new PrintWriter(out), new PrintWriter(err)).parseArgs("report", "-v", "dir")));
        assertFalse(Main.verbose(Main.create(new PrintWriter(out), new PrintWriter(err))
                .parseArgs("harden", "--image", "i", "--", "grep", "--verbose", "x")));
    }

    @Test
    void everyCommandsBadInputEndsWithOneLineAndExitCode2() throws Exception {
        Path notARun = Files.createDirectories(dir.resolve("empty"));
        for (String[] args : new String[][]{{"report", notARun.toString()}, {"recommend", notARun.toString()},
                {"compare", notARun.toString()}, {"baseline", "save", notARun.toString()}}) {
            err.getBuffer().setLength(0);
            assertEquals(ExitCode.BAD_INPUT.code(), run(args), String.join(" ", args));
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("error: "), err.toString());
        }
    }
}
