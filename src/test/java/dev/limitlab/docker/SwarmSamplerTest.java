package dev.limitlab.docker;

import dev.limitlab.metrics.StatsSample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwarmSamplerTest {
    private final List<Map<String, String>> parsed = new ArrayList<>();
    private final SwarmSampler sampler = new SwarmSampler("limitlab-agent:test", 100, List.of("cpu/cpu.stat"), List.of("cpu.stat"),
            (texts, read) -> {
                parsed.add(texts);
                return Optional.of(new StatsSample(read, 7, 0, 0, 0, 0, null, 0, null, null, null));
            }, args -> {
                List<String> command = new ArrayList<>(List.of("java", "Agent"));
                command.addAll(args);
                return command;
            });

    @Test
    void aReadingLineReachesItsContainerWithTheNodesReadTime() {
        List<String> readings = new ArrayList<>();
        int[] ready = {0};

        sampler.decode("{\"type\":\"ready\",\"t\":1,\"skipped\":2}", (id, node, s) -> readings.add(id), () -> ready[0]++);
        sampler.decode("{\"type\":\"cgroup\",\"c\":\"abc\",\"t\":1764583200000,\"n\":\"n1\",\"f\":{\"cpu/cpu.stat\":\"nr_periods 3\\n\"}}",
                (id, node, s) -> readings.add(id + "@" + node + "@" + s.read()), () -> ready[0]++);
        sampler.decode("Picked up JAVA_TOOL_OPTIONS", (id, node, s) -> readings.add(id), () -> ready[0]++);

        assertEquals(1, ready[0]);
        assertEquals(List.of("abc@n1@" + Instant.ofEpochMilli(1764583200000L)), readings);
        assertEquals(Map.of("cpu/cpu.stat", "nr_periods 3\n"), parsed.get(0));
    }

    @Test
    void theGlobalServiceMountsTheCgroupsReadOnlyAndRunsTheAgentHardened() {
        var body = sampler.service("limitlab-r1-sampler", Map.of(ContainerSpec.RUN_LABEL, "r1"));
        var container = body.path("TaskTemplate").path("ContainerSpec");

        assertTrue(body.path("Mode").has("Global"));
        assertEquals("r1", body.path("Labels").path(ContainerSpec.RUN_LABEL).asText());
        assertEquals("/sys/fs/cgroup", container.path("Mounts").get(0).path("Source").asText());
        assertTrue(container.path("Mounts").get(0).path("ReadOnly").asBoolean());
        assertTrue(container.path("ReadOnly").asBoolean());
        assertEquals("ALL", container.path("CapabilityDrop").get(0).asText());
        assertEquals("sample", container.path("Args").get(2).asText(), container.toString());
        assertEquals("LIMITLAB_NODE={{.Node.ID}}", container.path("Env").get(0).asText(), "each task names its node");
    }
}
