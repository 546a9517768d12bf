package dev.limitlab.bench;

import dev.limitlab.docker.Mounts;
import dev.limitlab.engine.WorkloadContainer;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.MemorySwap;
import dev.limitlab.scenario.RestartPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliReferenceTest {
    private static final WorkloadContainer AGENT = new WorkloadContainer("limitlab-agent:0.1.0",
            List.of("-cp", "/opt/limitlab/agent.jar", "dev.limitlab.agent.Agent", "cpu", "--threads", "1"), Mounts.NONE);

    @Test
    void givesTheContainerTheLimitsAndHardeningLimitlabGivesIt() {
        Limits limits = new Limits(0.5, 96L << 20, MemorySwap.SAME, null, RestartPolicy.parse("on-failure:3"));

        List<String> arguments = CliReference.runArguments(limits, Hardening.DEFAULT, AGENT);

        assertEquals(List.of("--cpus", "0.5", "--memory", "96m", "--memory-swap", "96m", "--pids-limit", "1024",
                "--restart", "on-failure:3", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--read-only",
                "--user", "65534:65534", "--network", "none",
                "limitlab-agent:0.1.0", "-cp", "/opt/limitlab/agent.jar", "dev.limitlab.agent.Agent", "cpu", "--threads", "1"),
                arguments);
    }

    @Test
    void leavesOutWhatIsNotSet() {
        List<String> arguments = CliReference.runArguments(Limits.NONE.withCpus(1.0).withPidsLimit(64L), Hardening.DEFAULT, AGENT);

        assertEquals(List.of("--cpus", "1", "--pids-limit", "64"), arguments.subList(0, 4));
        assertFalse(arguments.contains("--memory") || arguments.contains("--restart"), arguments.toString());
    }

    @Test
    void refusesAWorkloadThatNeedsMounts() {
        WorkloadContainer withState = new WorkloadContainer("limitlab-agent:0.1.0", List.of("crash"),
                new Mounts(List.of("/var/lib/limitlab-agent"), List.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> CliReference.runArguments(Limits.NONE, Hardening.DEFAULT, withState));
    }

    @Test
    void readsTheScriptsLineForATrial() {
        CliReference.CliTrial trial = CliReference.parse("{\"trial\":2,\"runCalled\":1795888379.450516,\"started\":1795888379.709674,"
                + "\"stopCalled\":1795888380.713188,\"removed\":1795888380.792025,\"polls\":8,\"status\":\"running\","
                + "\"exitCode\":0,\"oomKilled\":false,\"restartCount\":0}");

        assertEquals(2, trial.trial());
        assertEquals(0.259158, trial.setupS(), 1e-6);
        assertEquals(0.078837, trial.teardownS(), 1e-6);
        assertEquals(8, trial.polls());
        assertEquals("running", trial.status());
    }

    @Test
    void aLineThatIsNotATrialIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CliReference.parse("Error: No such container"));
        assertTrue(e.getMessage().contains("\"Error: No such container\""), e.getMessage());
    }
}
