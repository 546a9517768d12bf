package dev.limitlab.docker;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The private engine fixture: it runs containers, survives a stop and a start, and leaves nothing behind. */
class PrivateDockerdIT {
    private static final String IMAGE = "limitlab-busybox:latest";

    @Test
    void runsContainersAcrossARestartAndCleansUp() throws Exception {
        Path dataRoot;
        String cgroupParent;
        try (PrivateDockerd dockerd = PrivateDockerd.start("fixture")) {
            dataRoot = Path.of(dockerd.host().getPath()).getParent();
            cgroupParent = dockerd.cgroupParent();
            dockerd.load(IMAGE);
            try (DockerGateway engine = dockerd.gateway()) {
                assertEquals(Optional.of(3), runOnce(engine, "exit 3"), dockerd.log());
            }
            dockerd.stop();
            assertFalse(dockerd.running());
            dockerd.restart();
            try (DockerGateway engine = dockerd.gateway()) {
                assertTrue(engine.image(IMAGE).isPresent(), "the image survives the restart");
                assertEquals(Optional.of(0), runOnce(engine, "exit 0"), dockerd.log());
            }
        }
        assertFalse(Files.exists(dataRoot), "its directories are gone");
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/memory" + cgroupParent)), "its cgroups are gone");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(dataRoot.toString())),
                "no process of it is left");
        assertEquals(0, docker("info"), "the shared engine still answers");
    }

    private static Optional<Integer> runOnce(DockerGateway engine, String script) {
        String id = engine.create(new ContainerSpec("limitlab-fixture-" + ProcessHandle.current().pid(), IMAGE,
                List.of("sh", "-c", script), Map.of(ContainerSpec.RUN_LABEL, "it-fixture"), Limits.NONE, null,
                Hardening.DEFAULT, Mounts.NONE));
        try {
            assertTrue(docker("inspect", id) != 0, "the shared engine does not know the private engine's container");
            engine.start(id);
            return engine.awaitExit(id, Duration.ofSeconds(30));
        } finally {
            engine.remove(id);
        }
    }

    /** The docker CLI against the shared engine: its exit code. */
    private static int docker(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (java.io.IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }
}
