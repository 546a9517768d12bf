package dev.limitlab.cli;

import dev.limitlab.docker.DebianEngine;
import dev.limitlab.docker.EngineResource;
import dev.limitlab.exit.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code limitlab harden} holds a run lock and the engine's lock like a run: a {@code cleanup} started meanwhile keeps
 * its containers, a {@code run --no-wait} is refused as for a busy engine, and harden's result is what it would be alone.
 * The harden is a real limitlab process (the packaged jar).
 */
class HardenLocksIT {
    @RegisterExtension
    static final DebianEngine ENGINE = new DebianEngine();

    @TempDir
    Path dir;

    @Test
    void cleanupAndAnotherRunLeaveARunningHardenAlone() throws Exception {
        Path log = dir.resolve("harden.log");
        // Each run takes about a second, so the harden is still at work when cleanup looks.
        Process harden = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/limitlab.jar", "harden", "--image", DebianEngine.IMAGE, "--", "sh", "-c", "sleep 1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String runId = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> hardenRun(), Optional::isPresent).orElseThrow();

            Result cleanup = limitlab("cleanup");
            assertEquals(ExitCode.OK.code(), cleanup.exit(), cleanup.err());
            assertTrue(cleanup.out().contains("of run " + runId + ": its process (pid " + harden.pid() + ") is still running"),
                    cleanup.out());

            Path scenario = Files.writeString(dir.resolve("idle.yaml"), """
                    name: harden-locks-it
                    experiments:
                      - name: idle
                        workload: {kind: cpu, threads: 1, load: 5}
                        duration: 1s
                    """);
            Result run = limitlab("run", scenario.toString(), "--results", dir.resolve("results").toString(), "--no-wait");
            assertEquals(ExitCode.ENGINE_BUSY.code(), run.exit(), run.out() + run.err());
            assertTrue(run.err().contains("run " + runId + " (pid " + harden.pid() + ") holds the lock"), run.err());

            assertTrue(harden.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), Files.readString(log));
            String output = Files.readString(log);
            assertEquals(0, harden.exitValue(), output);
            assertTrue(output.contains("capabilities: none needed: the command works with --cap-drop ALL alone"), output);
            assertTrue(output.contains("succeeded with exactly these settings"), output);
            assertTrue(!output.contains(" failed "), "no run was disturbed: " + output);
            assertEquals(List.of(), ENGINE.gateway().containersLabelled("limitlab.run", runId), "harden removed its containers");
        } finally {
            harden.destroyForcibly();
        }
    }

    /** The run id of the harden in progress, once one of its containers exists. */
    private static Optional<String> hardenRun() {
        return ENGINE.gateway().resourcesLabelled("limitlab.run").stream()
                .filter(r -> r.kind() == EngineResource.Kind.CONTAINER)
                .map(r -> r.label("limitlab.run"))
                .filter(id -> id != null && id.startsWith("harden-"))
                .findFirst();
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result limitlab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
