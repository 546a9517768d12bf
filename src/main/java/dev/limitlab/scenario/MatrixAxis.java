package dev.limitlab.scenario;

import java.util.List;

/** One varied key of a matrix (e.g. {@code cpus}) and its values, each as a partial {@link Limits}. */
public record MatrixAxis(String key, List<Limits> values) {
    public MatrixAxis {
        values = List.copyOf(values);
        if (values.isEmpty()) throw new IllegalArgumentException("matrix axis " + key + " has no values");
    }
}
