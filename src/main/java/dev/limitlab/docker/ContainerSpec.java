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
    /** The label every container limitlab makes carries, valued with the id of the run that made it. */
    public static final String RUN_LABEL = "limitlab.run";

    public ContainerSpec {
        command = List.copyOf(command);
        mounts = mounts == null ? Mounts.NONE : mounts;
        labels = Map.copyOf(labels);
    }
}
