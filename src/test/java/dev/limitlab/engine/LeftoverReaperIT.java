package dev.limitlab.engine;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reaper against the real engine. Its containers are created and never started (idle: the engine is shared
 * with measurements), and it reaps only the run ids it made, so other runs on the engine are never touched.
 */
class LeftoverReaperIT {
    @TempDir
    Path lockDirectory;

    @Test
    void removesTheContainerOfARunWhoseLockIsFreeAndKeepsTheOneOfAHeldRun() throws Exception {
        String prefix = "reaper-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String dead = prefix + "-dead";
        String live = prefix + "-live";
        RunLocks locks = new RunLocks(lockDirectory);
        // what a SIGKILLed run leaves: its lock file, locked by nobody
        Files.writeString(locks.runLockFile(dead), "pid=2147483646\nrun=" + dead + "\n");
        try (DockerGateway gateway = EngineFixture.gateway();
             RunLock liveLock = locks.holdRun(live)) {
            String image = gateway.image(AgentImage.NAME + ":" + EngineFixture.VERSION).isPresent()
                    ? AgentImage.NAME + ":" + EngineFixture.VERSION : EngineFixture.agentImage(gateway);
            try {
                gateway.create(idle(dead, image));
                gateway.create(idle(live, image));
                List<String> out = new ArrayList<>();

                new LeftoverReaper(gateway, locks, runId -> runId.startsWith(prefix)).reapDeadRuns(out::add);

                assertEquals(List.of(), gateway.containersLabelled(TrialRunner.RUN_LABEL, dead));
                assertEquals(1, gateway.containersLabelled(TrialRunner.RUN_LABEL, live).size());
                assertEquals(List.of("removed 1 container(s) left by run " + dead + " (its process is gone)"), out);
                assertTrue(Files.notExists(locks.runLockFile(dead)));
            } finally {
                for (String runId : List.of(dead, live)) {
                    gateway.containersLabelled(TrialRunner.RUN_LABEL, runId).forEach(gateway::remove);
                }
            }
        }
    }

    private static ContainerSpec idle(String runId, String image) {
        return new ContainerSpec("limitlab-" + runId, image, List.of("-version"), Map.of(TrialRunner.RUN_LABEL, runId),
                Limits.NONE, null, Hardening.DEFAULT, dev.limitlab.docker.Mounts.NONE);
    }
}
