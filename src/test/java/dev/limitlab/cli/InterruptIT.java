package dev.limitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.DockerJavaGateway;
import dev.limitlab.docker.EndpointResolver;
import dev.limitlab.engine.LeftoverReaper;
import dev.limitlab.engine.RunLocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGINT and SIGTERM in the middle of a trial: the run's containers are gone within 10 s, and run.json says
 * {@code interrupted} and holds the finished trials. The run is a real limitlab process (the packaged jar).
 */
class InterruptIT {
    private static final String SCENARIO = """
            name: interrupt-it
            experiments:
              - name: idle
                workload: {kind: cpu, threads: 1, load: 5}
                matrix: {cpus: [0.5, 0.6, 0.7]}
                duration: 4s
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalMidTrialLeavesNoContainerAndKeepsTheFinishedTrials(String signal) throws Exception {
        Path scenario = Files.writeString(dir.resolve("interrupt.yaml"), SCENARIO);
        Path results = dir.resolve("results");
        Path log = dir.resolve("run.log");
        Process run = start(scenario, results, log);
        try (DockerGateway gateway = new DockerJavaGateway(EndpointResolver.fromSystem().resolve())) {
            // Wait until the first trial has finished and the second is running, then signal.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(log).lines().anyMatch(line -> line.trim().startsWith("1 ")));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !runIds(results).isEmpty() && !gateway.containersLabelled("limitlab.run", runIds(results).get(0)).isEmpty());
            String runId = runIds(results).get(0);
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor());

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> gateway.containersLabelled("limitlab.run", runId).isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() -> !run.isAlive());
            JsonNode written = new ObjectMapper().readTree(runJson(results).toFile());
            assertEquals("interrupted", written.get("status").asText(), Files.readString(log));
            assertTrue(written.get("trials").size() >= 1, "the finished trial is kept: " + written.get("trials"));
            assertTrue(written.get("trials").size() < 3, "the run did not finish: " + written.get("trials").size());
        } finally {
            run.destroyForcibly();
        }
    }

    /**
     * SIGKILL leaves no chance to clean up: what the run wrote from its start must be enough for {@code report}, and
     * the next command's reaper removes its containers (its lock file is there, held by nobody).
     */
    @Test
    void aKillDuringTheFirstTrialLeavesARunJsonThatReportTurnsIntoAReport() throws Exception {
        Path scenario = Files.writeString(dir.resolve("interrupt.yaml"), SCENARIO);
        Path results = dir.resolve("results");
        Path log = dir.resolve("run.log");
        Process run = start(scenario, results, log);
        try (DockerGateway gateway = new DockerJavaGateway(EndpointResolver.fromSystem().resolve())) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !runIds(results).isEmpty() && !gateway.containersLabelled("limitlab.run", runIds(results).get(0)).isEmpty());
            String runId = runIds(results).get(0);
            run.destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !run.isAlive());

            JsonNode written = new ObjectMapper().readTree(runJson(results).toFile());
            assertEquals("running", written.get("status").asText(), Files.readString(log));
            assertEquals(0, written.get("trials").size(), "killed during its first trial");
            Path runDirectory = runJson(results).getParent();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute("report", runDirectory.toString());
            assertEquals(0, exit, err.toString());
            assertTrue(Files.size(runDirectory.resolve("report.html")) > 0, out.toString());
            assertTrue(Files.exists(runDirectory.resolve("report.md")) && Files.exists(runDirectory.resolve("summary.csv")), out.toString());

            assertEquals(1, gateway.containersLabelled("limitlab.run", runId).size(), "SIGKILL left the trial's container");
            List<String> reaped = new java.util.ArrayList<>();
            new LeftoverReaper(gateway, RunLocks.system()).reapDeadRuns(reaped::add);
            assertTrue(reaped.stream().anyMatch(line -> line.contains("left by run " + runId + " (its process is gone)")), reaped.toString());
            assertEquals(List.of(), gateway.containersLabelled("limitlab.run", runId));
        } finally {
            run.destroyForcibly();
        }
    }

    private static Process start(Path scenario, Path results, Path log) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/limitlab.jar", "run", scenario.toString(), "--results", results.toString(), "--no-confirm",
                "--no-lock")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Path runJson(Path results) throws Exception {
        try (Stream<Path> files = Files.walk(results)) {
            return files.filter(f -> f.getFileName().toString().equals("run.json")).findFirst().orElseThrow();
        }
    }

    private static List<String> runIds(Path results) throws Exception {
        if (!Files.exists(results)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(results)) {
            return files.filter(f -> f.getFileName().toString().equals("run.json")).map(f -> {
                try {
                    return new ObjectMapper().readTree(f.toFile()).get("runId").asText();
                } catch (Exception torn) {
                    return null;
                }
            }).filter(java.util.Objects::nonNull).toList();
        }
    }
}
