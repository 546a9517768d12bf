package dev.limitlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.metrics.StatsSample;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How a node's cgroup counters reach limitlab on Swarm: the agent image in its {@code sample} mode as a global
 * service (one task per node), the node's cgroup filesystem mounted read-only, its readings as JSON lines on its
 * stdout, followed here through the service-logs API: no network beyond the engine's API.
 *
 * @param image      the agent image (it must be on every node)
 * @param intervalMs how often each node's sampler reads
 * @param v1Files    the files a cgroup v1 reading takes ({@code controller/file})
 * @param v2Files    the files a cgroup v2 reading takes
 * @param reading    a reading from a line's file texts (the local sampler's parser)
 * @param launcher   the agent image's command for agent arguments
 */
public record SwarmSampler(String image, long intervalMs, List<String> v1Files, List<String> v2Files,
                           BiFunction<Map<String, String>, Instant, Optional<StatsSample>> reading,
                           Function<List<String>, List<String>> launcher) {
    /** Where the node's cgroup filesystem is mounted in the sampler's container. */
    static final String CGROUP_MOUNT = "/host/cgroup";
    /** Names the sampler's node in its lines (the agent's CgroupSampleMode reads it). */
    static final String NODE_VARIABLE = "LIMITLAB_NODE";
    private static final ObjectMapper JSON = new ObjectMapper();

    public SwarmSampler {
        v1Files = List.copyOf(v1Files);
        v2Files = List.copyOf(v2Files);
    }

    /** The agent's arguments for the sampler service. */
    List<String> command() {
        return launcher.apply(List.of("sample", "--root", CGROUP_MOUNT, "--v1-files", String.join(",", v1Files),
                "--v2-files", String.join(",", v2Files), "--interval-ms", Long.toString(intervalMs)));
    }

    /** The global service's body: hardened as a workload is, plus the cgroup filesystem read-only. */
    com.fasterxml.jackson.databind.node.ObjectNode service(String name, Map<String, String> labels) {
        var body = JSON.createObjectNode();
        body.put("Name", name);
        labels.forEach(body.putObject("Labels")::put);
        var container = body.putObject("TaskTemplate").putObject("ContainerSpec");
        container.put("Image", image);
        command().forEach(container.putArray("Args")::add);
        labels.forEach(container.putObject("Labels")::put);
        container.putArray("Env").add(NODE_VARIABLE + "={{.Node.ID}}"); // a Swarm template: each task its own node
        container.put("User", "65534:65534").put("ReadOnly", true).put("StopGracePeriod", 100_000_000L);
        container.putArray("CapabilityDrop").add("ALL");
        container.putArray("Mounts").addObject().put("Type", "bind").put("Source", "/sys/fs/cgroup")
                .put("Target", CGROUP_MOUNT).put("ReadOnly", true);
        var limits = body.with("TaskTemplate").putObject("Resources").putObject("Limits");
        limits.put("NanoCPUs", 200_000_000L).put("MemoryBytes", 128L << 20); // small beside the trial it measures
        body.with("TaskTemplate").putObject("RestartPolicy").put("Condition", "any").put("Delay", 100_000_000L);
        body.putObject("Mode").putObject("Global");
        return body;
    }

    /**
     * Decodes one of the sampler's lines and hands its reading to {@code onReading} with the container's id and the
     * sampler's node (null when the line names none); a node's sampler that is ready (it takes containers started from
     * now on) calls {@code onReady}.
     */
    void decode(String line, Reading onReading, Runnable onReady) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException notJson) {
            return; // e.g. the JVM's own warning on stderr interleaved: not a reading
        }
        if ("ready".equals(node.path("type").asText())) {
            onReady.run();
            return;
        }
        if (!"cgroup".equals(node.path("type").asText()) || !node.path("f").isObject()) {
            return;
        }
        Map<String, String> texts = new HashMap<>();
        node.path("f").fields().forEachRemaining(field -> texts.put(field.getKey(), field.getValue().asText()));
        Instant read = Instant.ofEpochMilli(node.path("t").asLong());
        String containerId = node.path("c").asText();
        String sampledOn = node.hasNonNull("n") ? node.get("n").asText() : null;
        reading.apply(texts, read).ifPresent(sample -> onReading.accept(containerId, sampledOn, sample));
    }

    /** A reading of one container's counters by the sampler on one node. */
    @FunctionalInterface
    interface Reading {
        void accept(String containerId, String nodeId, StatsSample sample);
    }
}
