package dev.limitlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.Mounts;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Workload;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the engine itself reports of a workload container made with the default hardening (docker inspect). */
class HardenedByDefaultIT {
    @Test
    void inspectShowsEveryHardeningFlag() throws Exception {
        try (DockerGateway gateway = EngineFixture.gateway()) {
            String runId = "it-hardened-" + ProcessHandle.current().pid();
            String id = gateway.create(new ContainerSpec("limitlab-" + runId, EngineFixture.agentImage(gateway),
                    AgentCommand.forWorkload(new Workload.Cpu(1, 5, Duration.ofMillis(10))),
                    Map.of(ContainerSpec.RUN_LABEL, runId), Limits.NONE, null, Hardening.DEFAULT, Mounts.NONE));
            try {
                Process inspect = new ProcessBuilder("docker", "inspect", id).start();
                JsonNode hostConfig = new ObjectMapper().readTree(inspect.getInputStream()).get(0).get("HostConfig");
                JsonNode config = new ObjectMapper().readTree(new ProcessBuilder("docker", "inspect", id).start().getInputStream()).get(0).get("Config");
                assertEquals(List.of("ALL"), List.of(hostConfig.get("CapDrop").get(0).asText()));
                assertTrue(hostConfig.get("SecurityOpt").toString().contains("no-new-privileges"), hostConfig.get("SecurityOpt").toString());
                assertEquals("none", hostConfig.get("NetworkMode").asText());
                assertTrue(hostConfig.get("ReadonlyRootfs").asBoolean());
                assertFalse(hostConfig.get("Privileged").asBoolean());
                assertEquals(1024, hostConfig.get("PidsLimit").asLong());
                assertEquals("65534:65534", config.get("User").asText());
            } finally {
                gateway.remove(id);
            }
        }
    }
}
