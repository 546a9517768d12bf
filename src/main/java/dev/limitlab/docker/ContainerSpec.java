package dev.limitlab.docker;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one workload container. {@code cpuset} pins the container to those CPUs
 * ({@code --cpuset-cpus}), null for none; {@code env} adds to the image's environment ({@code --env}). An empty
 * {@code command} runs the image's own.
 */
public record ContainerSpec(String name, String image, List<String> command, Map<String, String> labels,
                            Limits limits, String cpuset, Hardening hardening, Mounts mounts, Map<String, String> env) {
    /** The label every container limitlab makes carries, valued with the id of the run that made it. */
    public static final String RUN_LABEL = "limitlab.run";

    public ContainerSpec {
        command = List.copyOf(command);
        mounts = mounts == null ? Mounts.NONE : mounts;
        labels = Map.copyOf(labels);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** With no environment of its own beyond the image's. */
    public ContainerSpec(String name, String image, List<String> command, Map<String, String> labels, Limits limits,
                         String cpuset, Hardening hardening, Mounts mounts) {
        this(name, image, command, labels, limits, cpuset, hardening, mounts, Map.of());
    }
}
