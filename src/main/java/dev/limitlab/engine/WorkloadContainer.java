package dev.limitlab.engine;

import dev.limitlab.docker.Mounts;
import dev.limitlab.scenario.Workload;

import java.util.List;
import java.util.Map;

/** The image, command and mounts a workload's container runs with. */
public record WorkloadContainer(String image, List<String> command, Mounts mounts, Map<String, String> env) {
    /** Where the agent keeps state across a container's restarts (a crash that succeeds after k runs). */
    static final String AGENT_STATE = "/var/lib/limitlab-agent";
    /** The file a memory workload writes and re-reads: on the state volume, disk-backed (a tmpfs page cannot be dropped). */
    static final String OWN_REREAD_FILE = AGENT_STATE + "/reread-pages";

    /** What runs {@code workload}: the agent image with the agent's command, or a command workload's own image. */
    public WorkloadContainer {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public WorkloadContainer(String image, List<String> command, Mounts mounts) {
        this(image, command, mounts, Map.of());
    }

    public static WorkloadContainer of(Workload workload, String agentImage) {
        if (workload instanceof Workload.Command user) {
            return new WorkloadContainer(user.image(), user.command(), Mounts.NONE); // no agent: the engine measures
        }
        if (workload instanceof Workload.Service service) {
            // tmpfs mounts are world-writable (Mounts.TMPFS_OPTIONS): the workload's user is not the image's owner
            Mounts mounts = new Mounts(List.of(), service.tmpfs(), Map.of());
            return service.isBuiltIn()
                    ? new WorkloadContainer(agentImage, AgentCommand.forService(service), mounts, service.env())
                    : new WorkloadContainer(service.image(), service.command(), mounts, service.env());
        }
        List<String> command = AgentCommand.forWorkload(workload);
        if (workload instanceof Workload.Crash crash && (crash.succeedAfter() != null || crash.exitProbability() != null)
                || writesItsOwnRereadFile(workload)) {
            return new WorkloadContainer(agentImage, command, new Mounts(List.of(AGENT_STATE), List.of(), Map.of()));
        }
        if (workload instanceof Workload.Jmh jmh) {
            // A forked benchmark JVM needs a writable temporary directory.
            return new WorkloadContainer(agentImage, command, new Mounts(List.of(), List.of("/tmp"),
                    jmh.jar() == null ? Map.of() : Map.of(jmh.jar(), AgentCommand.USER_JMH_JAR)));
        }
        return new WorkloadContainer(agentImage, command, Mounts.NONE);
    }

    private static boolean writesItsOwnRereadFile(Workload workload) {
        if (workload instanceof Workload.Phases phases) {
            return phases.phases().stream().anyMatch(phase -> writesItsOwnRereadFile(phase.workload()));
        }
        return workload instanceof Workload.Memory memory && memory.reread() != null && memory.reread().writtenBytes() > 0;
    }
}
