package dev.limitlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.MemorySwap;
import dev.limitlab.scenario.RestartPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwarmServiceSpecTest {
    private static final long MIB = 1L << 20;

    private static ContainerSpec spec(Limits limits, Hardening hardening, Mounts mounts) {
        return new ContainerSpec("limitlab-r1-3", "limitlab-agent:test", List.of("cpu", "--threads", "1"),
                Map.of(ContainerSpec.RUN_LABEL, "r1", "limitlab.trial", "limitlab-r1-3"), limits, null, hardening, mounts);
    }

    @Test
    void limitsRestartAndHardeningBecomeTheServicesSpec() {
        Limits limits = new Limits(0.5, 128 * MIB, MemorySwap.SAME, 64L, new RestartPolicy("on-failure", 3));

        SwarmServiceSpec service = SwarmServiceSpec.of(spec(limits, Hardening.DEFAULT, Mounts.NONE), List.of("node.id==n1"), false);
        JsonNode task = service.body().path("TaskTemplate");

        assertEquals("limitlab-r1-3", service.body().path("Name").asText());
        assertEquals("r1", service.body().path("Labels").path(ContainerSpec.RUN_LABEL).asText());
        assertEquals("r1", task.path("ContainerSpec").path("Labels").path(ContainerSpec.RUN_LABEL).asText(), "its containers too");
        assertEquals(1, service.body().path("Mode").path("Replicated").path("Replicas").asInt());
        assertEquals(500_000_000L, task.path("Resources").path("Limits").path("NanoCPUs").asLong());
        assertEquals(128 * MIB, task.path("Resources").path("Limits").path("MemoryBytes").asLong());
        assertEquals(64, task.path("Resources").path("Limits").path("Pids").asLong());
        assertEquals("on-failure", task.path("RestartPolicy").path("Condition").asText());
        assertEquals(3, task.path("RestartPolicy").path("MaxAttempts").asInt());
        assertEquals(SwarmServiceSpec.RESTART_DELAY_MS * 1_000_000, task.path("RestartPolicy").path("Delay").asLong());
        assertEquals("ALL", task.path("ContainerSpec").path("CapabilityDrop").get(0).asText());
        assertTrue(task.path("ContainerSpec").path("ReadOnly").asBoolean());
        assertEquals(Hardening.DEFAULT.user(), task.path("ContainerSpec").path("User").asText());
        assertEquals(List.of("cpu", "--threads", "1"), strings(task.path("ContainerSpec").path("Args")), "the image's entrypoint stays");
        assertEquals(List.of("node.id==n1"), strings(task.path("Placement").path("Constraints")));
        assertTrue(service.notApplied().stream().anyMatch(n -> n.startsWith("no-new-privileges")), service.notApplied().toString());
        assertTrue(service.notApplied().stream().anyMatch(n -> n.startsWith("network none")), service.notApplied().toString());
        assertTrue(service.notApplied().stream().anyMatch(n -> n.startsWith("memory-swap")), service.notApplied().toString());
    }

    @Test
    void noRestartPolicyRunsTheTaskOnceAndAnEngineWithNoNewPrivilegesGetsIt() {
        SwarmServiceSpec service = SwarmServiceSpec.of(spec(Limits.NONE, Hardening.DEFAULT, Mounts.NONE), List.of(), true);
        JsonNode task = service.body().path("TaskTemplate");

        assertEquals("none", task.path("RestartPolicy").path("Condition").asText());
        assertFalse(task.path("RestartPolicy").has("Delay"));
        assertEquals(1, service.body().path("Mode").path("Replicated").path("Replicas").asInt());
        assertTrue(task.path("ContainerSpec").path("Privileges").path("NoNewPrivileges").asBoolean());
        assertTrue(service.notApplied().stream().noneMatch(n -> n.startsWith("no-new-privileges")), service.notApplied().toString());
    }

    @Test
    void aStateVolumeIsNamedAfterTheServiceSoThatTheNextTaskFindsItAndIsLabelled() {
        Mounts mounts = new Mounts(List.of("/state"), List.of("/tmp"), Map.of());

        JsonNode list = SwarmServiceSpec.of(spec(Limits.NONE, Hardening.DEFAULT, mounts), List.of(), false).body()
                .path("TaskTemplate").path("ContainerSpec").path("Mounts");

        assertEquals("tmpfs", list.get(0).path("Type").asText());
        assertEquals(01777, list.get(0).path("TmpfsOptions").path("Mode").asInt());
        assertEquals("limitlab-r1-3-state-0", list.get(1).path("Source").asText());
        assertEquals("/state", list.get(1).path("Target").asText());
        assertEquals("r1", list.get(1).path("VolumeOptions").path("Labels").path(ContainerSpec.RUN_LABEL).asText());
    }

    @Test
    void onFailureRestartsANonZeroExitUntilItsAttemptsAreSpent() {
        RestartPolicy three = new RestartPolicy("on-failure", 3);

        assertTrue(SwarmServiceSpec.restarts(three, 3, 2));
        assertFalse(SwarmServiceSpec.restarts(three, 3, 3));
        assertFalse(SwarmServiceSpec.restarts(three, 0, 0), "a clean exit is not a failure");
        assertFalse(SwarmServiceSpec.restarts(null, 3, 0));
        assertTrue(SwarmServiceSpec.restarts(new RestartPolicy("always", 0), 0, 10));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
