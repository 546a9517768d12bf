package dev.limitlab.docker;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one workload container. {@code volumes} are paths that get an anonymous
 * volume: writable despite the read-only root filesystem, kept across restarts, removed with the container.
 * {@code cpuset} pins the container to those CPUs ({@code --cpuset-cpus}), null for none.
 */
public record ContainerSpec(String name, String image, List<String> command, Map<String, String> labels,
                            Limits limits, String cpuset, Hardening hardening, List<String> volumes) {
    public ContainerSpec {
        command = List.copyOf(command);
        volumes = List.copyOf(volumes);
        labels = Map.copyOf(labels);
    }
}
