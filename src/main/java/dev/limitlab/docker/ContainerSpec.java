package dev.limitlab.docker;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one workload container. {@code volumes} are paths that get an anonymous
 * volume: writable despite the read-only root filesystem, kept across restarts, removed with the container.
 */
public record ContainerSpec(String name, String image, List<String> command, Map<String, String> labels,
                            Limits limits, Hardening hardening, List<String> volumes) {
    /** The label every container limitlab makes carries, valued with the id of the run that made it. */
    public static final String RUN_LABEL = "limitlab.run";

    public ContainerSpec {
        command = List.copyOf(command);
        volumes = List.copyOf(volumes);
        labels = Map.copyOf(labels);
    }
}
