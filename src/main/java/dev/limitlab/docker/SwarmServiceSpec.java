package dev.limitlab.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.limitlab.scenario.RestartPolicy;
import dev.limitlab.settings.ContainerSettings;
import dev.limitlab.settings.ResourceSettings;
import dev.limitlab.settings.SecuritySettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trial's container as a Swarm service (engine API 1.41, engine 20.10): the body of {@code POST /services/create},
 * built from the same settings as a local container's, and what of them Swarm does not apply. docker-java 3.7's
 * service model has no job mode, no pids limit and no capabilities, so the body is written here.
 *
 * <p>One replica, always. No restart policy: restart condition none, so that Swarm never starts it again. Engine 20.10
 * accepts a replicated job ({@code Mode.ReplicatedJob}, API 1.41) too, but the tasks of a removed job stay in the
 * swarm's task list (seen here: still listed by {@code docker node ps} 13 minutes after {@code docker service rm}),
 * which a cleanup that must leave no task cannot have. A restart policy: {@code on-failure:N} as condition on-failure
 * with {@code MaxAttempts} N and a fixed {@link #RESTART_DELAY_MS} ms delay (a local engine's first delay; Swarm does not
 * double it).
 *
 * @param body       the service's spec
 * @param notApplied each option Swarm leaves out, and why
 */
public record SwarmServiceSpec(ObjectNode body, List<String> notApplied) {
    /** Swarm's delay before each restart: the local engine's first backoff step, so the two stay comparable. */
    public static final long RESTART_DELAY_MS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NANOS_PER_MS = 1_000_000;
    // Removing the service is limitlab's kill: the task gets SIGTERM, then SIGKILL this soon (Swarm's default is 10 s).
    private static final long STOP_GRACE_NS = 100 * NANOS_PER_MS;

    public SwarmServiceSpec {
        notApplied = List.copyOf(notApplied);
    }

    /** The service for {@code spec}, placed by {@code constraints} (e.g. {@code node.id==abc}). */
    public static SwarmServiceSpec of(ContainerSpec spec, List<String> constraints, boolean enginesNoNewPrivileges) {
        ContainerSettings settings = ContainerSettings.of(spec.limits(), spec.hardening(), spec.cpuset());
        ResourceSettings resources = settings.resources();
        SecuritySettings security = settings.security();
        List<String> notApplied = new ArrayList<>();
        ObjectNode body = JSON.createObjectNode();
        body.put("Name", spec.name());
        body.set("Labels", labels(spec.labels()));
        ObjectNode task = body.putObject("TaskTemplate");
        ObjectNode container = task.putObject("ContainerSpec");
        container.put("Image", spec.image());
        if (!spec.command().isEmpty()) {
            strings(container.putArray("Args"), spec.command()); // Args, not Command: the image's entrypoint stays
        }
        container.set("Labels", labels(spec.labels()));
        if (!spec.env().isEmpty()) {
            strings(container.putArray("Env"), spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
        }
        if (security.user() != null) {
            container.put("User", security.user());
        }
        container.put("ReadOnly", security.readOnlyRootfs());
        if (security.capDropAll()) {
            container.putArray("CapabilityDrop").add("ALL");
        }
        if (!security.capAdd().isEmpty()) {
            strings(container.putArray("CapabilityAdd"), security.capAdd());
        }
        if (security.noNewPrivileges()) {
            // ContainerSpec.Privileges.NoNewPrivileges arrived with API 1.44 (engine 25); 20.10 ignores it silently.
            if (enginesNoNewPrivileges) {
                container.putObject("Privileges").put("NoNewPrivileges", true);
            } else {
                notApplied.add("no-new-privileges (Swarm before engine 25 has no such option)");
            }
        }
        if (!security.securityOpts().isEmpty()) {
            notApplied.add("security-opt " + String.join(",", security.securityOpts()) + " (a Swarm service takes none)");
        }
        if (security.networkDisabled()) {
            notApplied.add("network none (Swarm refuses it; the task is on the engine's default network, no address where"
                    + " the engine's bridge is disabled)");
        } else if (!security.defaultNetwork()) {
            notApplied.add("network " + security.networkMode() + " (a Swarm task joins only swarm networks)");
        }
        mounts(container, spec.mounts(), spec.name(), spec.labels());
        container.put("StopGracePeriod", STOP_GRACE_NS);
        ObjectNode limits = task.putObject("Resources").putObject("Limits");
        if (resources.cpus() != null) {
            limits.put("NanoCPUs", Math.round(resources.cpus() * 1e9));
        }
        if (resources.memoryBytes() != null) {
            limits.put("MemoryBytes", resources.memoryBytes());
        }
        if (resources.memorySwapBytes() != null) {
            notApplied.add("memory-swap (Swarm sets no swap limit: the engine allows swap up to the memory limit again"
                    + " where the node has swap)");
        }
        if (resources.pidsLimit() != null) {
            limits.put("Pids", resources.pidsLimit()); // API 1.41
        }
        if (resources.cpusetCpus() != null) {
            notApplied.add("cpuset " + resources.cpusetCpus() + " (Swarm has no cpuset; trials are spread one per node)");
        }
        restart(body, task, resources.restart());
        ArrayNode placement = task.putObject("Placement").putArray("Constraints");
        constraints.forEach(placement::add);
        return new SwarmServiceSpec(body, notApplied);
    }

    private static void restart(ObjectNode body, ObjectNode task, RestartPolicy restart) {
        ObjectNode policy = task.putObject("RestartPolicy");
        if (restart == null || restart.name().equals("no")) {
            policy.put("Condition", "none");
            body.putObject("Mode").putObject("Replicated").put("Replicas", 1);
            return;
        }
        policy.put("Condition", restart.name().equals("on-failure") ? "on-failure" : "any");
        if (restart.maximumRetryCount() > 0) {
            policy.put("MaxAttempts", restart.maximumRetryCount());
        }
        policy.put("Delay", RESTART_DELAY_MS * NANOS_PER_MS);
        body.putObject("Mode").putObject("Replicated").put("Replicas", 1);
    }

    private static void mounts(ObjectNode container, Mounts mounts, String serviceName, Map<String, String> labelsOfVolumes) {
        if (mounts.tmpfs().isEmpty() && mounts.readOnlyBinds().isEmpty() && mounts.volumes().isEmpty()) {
            return;
        }
        ArrayNode list = container.putArray("Mounts");
        for (String path : mounts.tmpfs()) {
            ObjectNode tmpfs = list.addObject().put("Type", "tmpfs").put("Target", path);
            tmpfs.putObject("TmpfsOptions").put("SizeBytes", 64L << 20).put("Mode", 01777); // as Mounts.TMPFS_OPTIONS
        }
        mounts.readOnlyBinds().forEach((host, inContainer) ->
                list.addObject().put("Type", "bind").put("Source", host).put("Target", inContainer).put("ReadOnly", true));
        // A named volume per path, so that the next task on the node (a restart is a new task) finds what the last
        // one left, as a local container's anonymous volume keeps it across restarts; labelled for cleanup.
        for (int i = 0; i < mounts.volumes().size(); i++) {
            ObjectNode volume = list.addObject().put("Type", "volume").put("Source", serviceName + "-state-" + i)
                    .put("Target", mounts.volumes().get(i));
            volume.putObject("VolumeOptions").set("Labels", labels(labelsOfVolumes));
        }
    }

    private static ObjectNode labels(Map<String, String> labels) {
        ObjectNode node = JSON.createObjectNode();
        labels.forEach(node::put);
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Whether a restart policy makes Swarm start the service's task again after {@code exitCode}. */
    static boolean restarts(RestartPolicy restart, int exitCode, int restartsSoFar) {
        if (restart == null || restart.name().equals("no")) {
            return false;
        }
        if (restart.name().equals("on-failure") && exitCode == 0) {
            return false;
        }
        return restart.maximumRetryCount() == 0 || restartsSoFar < restart.maximumRetryCount();
    }
}
