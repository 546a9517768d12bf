package dev.limitlab.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded, validated scenario file: named experiments, each a workload under a matrix of limits, and the
 * targets its recommendation aims at.
 */
public record Scenario(String name, String description, Path source, List<Experiment> experiments,
                       RecommendTargets recommend) {
    public Scenario {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        experiments = List.copyOf(experiments);
        recommend = recommend == null ? RecommendTargets.DEFAULTS : recommend;
    }
}
