package dev.limitlab.metrics;

import java.util.List;
import java.util.Objects;

/**
 * A metric across the repeats of one configuration: mean, min, max and coefficient of variation
 * (standard deviation / mean, null when the mean is 0 or there is one value). {@code n} counts the
 * repeats that measured it.
 */
public record Spread(double mean, double min, double max, Double cv, int n) {

    /** Null when no repeat measured the metric. */
    public static Spread of(List<Double> values) {
        List<Double> measured = values.stream().filter(Objects::nonNull).toList();
        if (measured.isEmpty()) {
            return null;
        }
        double mean = measured.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double min = measured.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = measured.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        Double cv = null;
        if (measured.size() > 1 && mean != 0) {
            double variance = measured.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (measured.size() - 1);
            cv = Math.sqrt(variance) / Math.abs(mean);
        }
        return new Spread(mean, min, max, cv, measured.size());
    }
}
