package dev.limitlab.settings;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;

/**
 * Everything that decides how a container is limited and hardened, in the one shape that the docker flags
 * ({@link DockerFlags}), the deployment snippets and the engine gateway all read, so they cannot drift apart.
 */
public record ContainerSettings(ResourceSettings resources, SecuritySettings security) {
    public ContainerSettings {
        resources = resources == null ? ResourceSettings.NONE : resources;
        security = security == null ? SecuritySettings.NONE : security;
    }

    /**
     * A workload container's settings: its limits, its hardening, and the hardening's pids limit when the
     * limits set none (an unbounded pids count is never what a hardened container runs with).
     *
     * @param cpuset the CPUs to pin to, null for none
     */
    public static ContainerSettings of(Limits limits, Hardening hardening, String cpuset) {
        ResourceSettings resources = new ResourceSettings(limits.cpus(), limits.memory(), limits.memorySwapBytes(),
                limits.pidsLimit() != null ? limits.pidsLimit() : hardening.defaultPidsLimit(), limits.restart(), cpuset);
        return new ContainerSettings(resources, SecuritySettings.of(hardening));
    }
}
