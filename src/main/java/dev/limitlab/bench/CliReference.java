package dev.limitlab.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.docker.Mounts;
import dev.limitlab.engine.WorkloadContainer;
import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.settings.ContainerSettings;
import dev.limitlab.settings.DockerFlags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trials of a scenario driven by the docker CLI alone, through {@code scripts/bench-cli-reference.sh}: the
 * same image, command, limits, hardening and run label as limitlab gives them, one script call per configuration.
 */
final class CliReference {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One trial as the script reported it: times in seconds since the epoch, and the engine's state at the last poll,
     * which is all the script sees.
     */
    record CliTrial(int trial, double runCalled, double started, double stopCalled, double removed, int polls,
                    String status, int exitCode, boolean oomKilled, int restartCount) {
        /** {@code docker run -d} called → returned (container created and started). */
        double setupS() {
            return started - runCalled;
        }

        /** {@code docker rm -f} called → returned. */
        double teardownS() {
            return removed - stopCalled;
        }
    }

    /** All trials, and the wall time of every script call added up. */
    record Outcome(double wallS, List<CliTrial> trials) {
        int polls() {
            return trials.stream().mapToInt(CliTrial::polls).sum();
        }
    }

    private final Path script;

    CliReference(Path script) {
        this.script = script;
    }

    /** Runs every trial of {@code scenario} with the docker CLI; containers are named and labelled after {@code runId}. */
    Outcome run(Scenario scenario, String agentImage, Hardening hardening, String runId, String runLabel) {
        List<CliTrial> trials = new ArrayList<>();
        long wallNs = 0;
        int configuration = 0;
        for (Experiment experiment : scenario.experiments()) {
            WorkloadContainer container = WorkloadContainer.of(experiment.workload(), agentImage);
            for (Limits limits : experiment.configurations()) {
                configuration++;
                List<String> command = new ArrayList<>(List.of("bash", script.toString(),
                        "--trials", Integer.toString(experiment.repeat()),
                        "--duration-ms", Long.toString(experiment.duration().toMillis()),
                        "--name", "limitlab-cli-" + runId + "-" + configuration,
                        "--label", runLabel + "=" + runId, "--"));
                command.addAll(runArguments(limits, hardening, container));
                long begun = System.nanoTime();
                trials.addAll(execute(command));
                wallNs += System.nanoTime() - begun;
            }
        }
        return new Outcome(wallNs / 1e9, trials);
    }

    /** {@code docker run} flags, image and command for one trial, as limitlab creates its container. */
    static List<String> runArguments(Limits limits, Hardening hardening, WorkloadContainer container) {
        if (!container.mounts().equals(Mounts.NONE)) {
            throw new IllegalArgumentException("the CLI reference runs workloads that need no mounts (cpu, memory, crash)");
        }
        List<String> arguments = new ArrayList<>(DockerFlags.arguments(DockerFlags.of(ContainerSettings.of(limits, hardening, null))));
        arguments.add(container.image());
        arguments.addAll(container.command());
        return arguments;
    }

    /** One line of the script's output. */
    static CliTrial parse(String line) {
        try {
            return JSON.readValue(line, CliTrial.class);
        } catch (IOException e) {
            throw new IllegalStateException("bench-cli-reference.sh printed \"" + line + "\", expected one JSON object per trial", e);
        }
    }

    private List<CliTrial> execute(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        List<CliTrial> trials = new ArrayList<>();
        try {
            Process process = builder.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        trials.add(parse(line));
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(script + " exited with " + exit);
            }
            return trials;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + script + " ran", interrupted);
        }
    }
}
