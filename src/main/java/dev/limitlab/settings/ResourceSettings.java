package dev.limitlab.settings;

import dev.limitlab.scenario.RestartPolicy;

/**
 * The resource limits of one container as the engine applies them: resolved numbers, null where unset.
 *
 * @param memorySwapBytes memory + swap in bytes, -1 for unlimited swap
 * @param cpusetCpus      the CPUs the container is pinned to ({@code 0-1}), null for none
 */
public record ResourceSettings(Double cpus, Long memoryBytes, Long memorySwapBytes, Long pidsLimit, RestartPolicy restart,
                               String cpusetCpus) {
    public static final ResourceSettings NONE = new ResourceSettings(null, null, null, null, null, null);
}
