package dev.limitlab.regression;

import dev.limitlab.metrics.Metric;
import dev.limitlab.scenario.RegressionRule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How checked values, changes and allowances read in messages, summaries and files: one place for every writer. */
final class MetricFormat {
    private static final MathContext SIGNIFICANT = new MathContext(6);

    private MetricFormat() {
    }

    /** A value in its unit, as the run's table shows it: {@code 1.26e+05 ops/s}, {@code 99.0%}, {@code 17.1 MiB}. */
    static String value(Metric metric, double value) {
        return switch (metric.unit()) {
            case OPS_PER_SECOND -> String.format(Locale.ROOT, "%.3g ops/s", value);
            case RATIO -> String.format(Locale.ROOT, "%.1f%%", 100 * value);
            case BYTES -> String.format(Locale.ROOT, "%.1f MiB", value / 1048576.0);
            case COUNT -> decimals(value);
            case CORES -> String.format(Locale.ROOT, "%.2f cores", value);
            case SCORE -> String.format(Locale.ROOT, "%.4g", value);
            case SECONDS_PER_SECOND -> String.format(Locale.ROOT, "%.3f s/s", value);
            case MILLISECONDS -> String.format(Locale.ROOT, "%.2f ms", value);
        };
    }

    /** A change from the baseline: points for ratios, the difference for counts, else percent of the baseline. */
    static String change(Metric metric, double baseline, double current) {
        return signed(metric, baseline, current - baseline, current >= baseline ? "+" : "-");
    }

    /** How far the value may move the failing way, written like {@link #change}: {@code -10.0%}, {@code ±0}. */
    static String allowance(RegressionRule rule, double baseline, double allowance) {
        String sign = switch (rule.direction()) {
            case RISE -> "+";
            case DROP -> "-";
            case EITHER -> "±";
        };
        return signed(rule.metric(), baseline, allowance, sign);
    }

    /** For files: at most six significant digits, never in exponent notation, so diffs and columns stay readable. */
    static String plain(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    private static String signed(Metric metric, double baseline, double amount, String sign) {
        double magnitude = Math.abs(amount);
        return switch (metric.unit()) {
            case RATIO -> sign + String.format(Locale.ROOT, "%.1fpt", 100 * magnitude);
            case COUNT -> sign + decimals(magnitude);
            default -> baseline == 0 ? sign + value(metric, magnitude)
                    : sign + String.format(Locale.ROOT, "%.1f%%", 100 * magnitude / Math.abs(baseline));
        };
    }

    /** Up to two decimals, none when whole: a mean of counts over repeats may be 0.5. */
    private static String decimals(double value) {
        return BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
