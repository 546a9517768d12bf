package dev.limitlab.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A loaded, validated scenario file: named experiments, each a workload under a matrix of limits. */
public record Scenario(String name, String description, Path source, List<Experiment> experiments) {
    public Scenario {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        experiments = List.copyOf(experiments);
    }
}
