package dev.limitlab.scenario;

import dev.limitlab.metrics.RecommendTargets;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded, validated scenario file: named experiments, each a workload under a matrix of limits, the
 * targets its recommendation aims at, and the tolerances its regression check applies.
 */
public record Scenario(String name, String description, Path source, List<Experiment> experiments,
                       RecommendTargets recommend, RegressionRules regression) {
    public Scenario {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        experiments = List.copyOf(experiments);
        recommend = recommend == null ? RecommendTargets.DEFAULTS : recommend;
        regression = regression == null ? RegressionRules.DEFAULTS : regression;
    }

    /** A scenario without a {@code regression:} block: the default tolerances. */
    public Scenario(String name, String description, Path source, List<Experiment> experiments, RecommendTargets recommend) {
        this(name, description, source, experiments, recommend, null);
    }

    public Scenario withRegression(RegressionRules rules) {
        return new Scenario(name, description, source, experiments, recommend, rules);
    }

    /** The same scenario with only these experiments (a part of it run on its own). */
    public Scenario withExperiments(List<Experiment> only) {
        return new Scenario(name, description, source, only, recommend, regression);
    }

    public Scenario withSource(Path file) {
        return new Scenario(name, description, file, experiments, recommend, regression);
    }
}
