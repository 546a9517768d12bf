package dev.limitlab.engine;

import dev.limitlab.scenario.Workload;

import java.util.List;

/** The image, command and writable volumes a workload's container runs with. */
record WorkloadContainer(String image, List<String> command, List<String> volumes) {
    /** Where the agent keeps state across a container's restarts (a crash that succeeds after k runs). */
    static final String AGENT_STATE = "/var/lib/limitlab-agent";

    static WorkloadContainer of(Workload workload, String agentImage) {
        return new WorkloadContainer(agentImage, AgentCommand.forWorkload(workload), List.of());
    }
}
