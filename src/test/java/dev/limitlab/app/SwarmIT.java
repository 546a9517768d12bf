package dev.limitlab.app;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.DockerEndpoint;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.PrivateDockerd;
import dev.limitlab.engine.AgentImage;
import dev.limitlab.engine.RunContext;
import dev.limitlab.engine.RunLocks;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.ScenarioLoader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quickstart on a single-node swarm of a private dockerd (the shared engine never changes mode): its figures as
 * the engine reports them through task history, the sampler service and the service logs, each trial named by its
 * node, and nothing labelled limitlab.run left: no service, no task, no container.
 */
class SwarmIT {
    @Test
    void runsTheQuickstartAsSwarmServices(@TempDir Path results) throws Exception {
        String image;
        try (DockerGateway shared = EngineConnection.open()) {
            image = new AgentImage(shared, Version.agentTag()).ensure(System.out::println);
        }
        RunScenario.Outcome outcome;
        try (PrivateDockerd dockerd = PrivateDockerd.start("swarm")) {
            dockerd.load(image);
            dockerd.swarmInit();
            DockerEndpoint manager = new DockerEndpoint(dockerd.host(), "private swarm", List.of("private dockerd " + dockerd.host()));
            EngineChoice swarm = new EngineChoice(EngineChoice.Kind.SWARM, List.of());
            outcome = new RunScenario(() -> swarm.swarm(manager), RunLocks.system(), Clock.systemUTC())
                    .run(quickstartAtHalfACore(),
                            new RunScenario.Settings(results, Duration.ofMillis(100), 1, false, false, RunContext.EngineLock.WAIT),
                            new RunScenario.Listener() { });
            assertEquals(RunStatus.COMPLETE, outcome.run().status(), dockerd.log());
            assertNothingLabelled(dockerd);
        }
        List<TrialResult> trials = outcome.run().trials();
        trials.forEach(trial -> {
            assertNull(trial.error(), "trial " + trial.trial());
            assertNotNull(trial.placement(), "trial " + trial.trial() + " names its node");
            assertFalse(trial.placement().hostname().isBlank());
            assertFalse(trial.placement().nodeId().isBlank());
            assertTrue(trial.placement().nodeCpus() > 0 && trial.placement().nodeMemoryBytes() > 0);
        });

        TrialResult half = trials.stream().filter(t -> t.experiment().equals("cpu") && Double.valueOf(0.5).equals(t.limits().cpus()))
                .findFirst().orElseThrow(() -> new AssertionError("the search tried no cpus 0.5: " + trials));
        double used = half.metrics().cpuUsedCores();
        TrialResult crashLoop = trials.stream().filter(t -> t.experiment().equals("crash-loop")).findFirst().orElseThrow();
        System.out.printf(java.util.Locale.ROOT, "swarm quickstart (load %s): cpus 0.5 used %.3f cores, throttled %.1f %%;"
                        + " oom kills at 128m %d, at 256m %d; crash loop %d restarts, last exit %s; node %s%n", loadAverage(), used,
                100 * half.metrics().throttledPeriodsRatio(), memory(trials, 128L << 20).metrics().oomKills(),
                memory(trials, 256L << 20).metrics().oomKills(), crashLoop.metrics().restarts(), crashLoop.metrics().lastExitCode(),
                half.placement().hostname());
        assertTrue(used >= 0.45 && used <= 0.55, "cpu used at cpus 0.5: " + used + " (load " + loadAverage() + ")");
        assertTrue(half.metrics().throttledPeriodsRatio() >= 0.8, "throttled at cpus 0.5: " + half.metrics().throttledPeriodsRatio());

        assertTrue(memory(trials, 128L << 20).metrics().oomKills() >= 1, "an OOM kill at 128m");
        assertEquals(0, memory(trials, 256L << 20).metrics().oomKills(), "no OOM kill at 256m");

        assertEquals(3, crashLoop.metrics().restarts(), "restarts of on-failure:3");
        assertEquals(3, crashLoop.metrics().lastExitCode(), "the crash loop's last exit code");
        assertEquals(100L, crashLoop.placement().restartDelayMs());

        assertTrue(sharedDockerInfo().contains("Swarm: inactive"), "the shared engine is not in a swarm");
    }

    /**
     * The quickstart with its CPU search pinned to the step its Done-when figures are for (cpus 0.5): a search's path
     * depends on what it measures, so it may not try 0.5 (a run here tried 1, 0.75, 0.55, 0.65 and 0.7).
     */
    private static dev.limitlab.scenario.Scenario quickstartAtHalfACore() throws Exception {
        Path file = Path.of("scenarios/quickstart.yaml");
        String yaml = java.nio.file.Files.readString(file);
        String pinned = yaml.replaceFirst("(?m)^(\\s+)search:\\n(\\s+cpus: .*\\n)(\\s+mode: .*\\n)", "$1matrix: {cpus: [0.5]}\n");
        assertTrue(!pinned.equals(yaml), "the quickstart's cpu experiment has a search to pin");
        return ScenarioLoader.load(file.toString(), new java.io.StringReader(pinned));
    }

    private static TrialResult memory(List<TrialResult> trials, long limit) {
        return trials.stream().filter(t -> t.experiment().equals("memory") && Long.valueOf(limit).equals(t.limits().memory()))
                .findFirst().orElseThrow();
    }

    private static void assertNothingLabelled(PrivateDockerd dockerd) {
        String[] left = {""};
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> (left[0] = docker(dockerd.env(), "sh", "-c", "docker service ls --filter label=" + ContainerSpec.RUN_LABEL
                            + " --format '{{.Name}}'; docker ps -a --filter label=" + ContainerSpec.RUN_LABEL + " --format '{{.Names}}'"
                            + "; docker node ps -q $(docker node ls -q) 2>/dev/null")).isBlank());
        } catch (org.awaitility.core.ConditionTimeoutException stillThere) {
            throw new AssertionError("left behind labelled " + ContainerSpec.RUN_LABEL + ":\n" + left[0], stillThere);
        }
    }

    private static String sharedDockerInfo() throws Exception {
        return docker(Map.of(), "docker", "info");
    }

    private static String loadAverage() throws Exception {
        return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static String docker(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }
}
