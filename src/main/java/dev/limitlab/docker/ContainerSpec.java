package dev.limitlab.docker;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one workload container. {@code cpuset} pins the container to those CPUs
 * ({@code --cpuset-cpus}), null for none.
 */
public record ContainerSpec(String name, String image, List<String> command, Map<String, String> labels,
                            Limits limits, String cpuset, Hardening hardening, Mounts mounts) {
    public ContainerSpec {
        command = List.copyOf(command);
        mounts = mounts == null ? Mounts.NONE : mounts;
        labels = Map.copyOf(labels);
    }
}
