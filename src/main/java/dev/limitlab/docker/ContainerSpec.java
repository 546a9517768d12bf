package dev.limitlab.docker;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;

import java.util.List;
import java.util.Map;

/** Everything needed to create one workload container. */
public record ContainerSpec(String name, String image, List<String> command, Map<String, String> labels,
                            Limits limits, Hardening hardening) {
    public ContainerSpec {
        command = List.copyOf(command);
        labels = Map.copyOf(labels);
    }
}
