package dev.limitlab.scenario;

import java.util.ArrayList;
import java.util.List;

/** One varied key of a matrix (e.g. {@code cpus}) and its values, each as a partial {@link Limits}. */
public record MatrixAxis(String key, List<Limits> values) {
    public MatrixAxis {
        values = List.copyOf(values);
        if (values.isEmpty()) throw new IllegalArgumentException("matrix axis " + key + " has no values");
    }

    /** The cartesian product of {@code axes}, each laid over {@code base}; {@code base} alone when there are none. */
    public static List<Limits> product(Limits base, List<MatrixAxis> axes) {
        List<Limits> product = List.of(base);
        for (MatrixAxis axis : axes) {
            List<Limits> next = new ArrayList<>(product.size() * axis.values().size());
            for (Limits done : product) {
                for (Limits value : axis.values()) {
                    next.add(done.overlay(value));
                }
            }
            product = next;
        }
        return product;
    }
}
