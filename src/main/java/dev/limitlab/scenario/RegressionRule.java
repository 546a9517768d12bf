package dev.limitlab.scenario;

import dev.limitlab.format.Sizes;
import dev.limitlab.metrics.Metric;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far one metric may move from its baseline before a check fails: one entry of a scenario's
 * {@code regression:} block, such as {@code throughput: -10% or 3cv}.
 *
 * <p>A rule is {@code exact}, {@code no-increase}, {@code no-decrease}, {@code off}, or terms joined by
 * {@code or}, of which the largest allowance wins, optionally ending with {@code up to AMOUNT}:
 * <ul>
 *   <li>{@code N%}: N percent of the baseline's mean;</li>
 *   <li>{@code Npt}: N points of a ratio shown as a percentage (throttled-ratio only);</li>
 *   <li>{@code N}: N in the metric's own unit (a count, cores, ops/s), or a size such as {@code 16m} for bytes;</li>
 *   <li>{@code Ncv}: N times the coefficient of variation across repeats (the larger of the baseline's and this
 *       run's) times the baseline's mean; never more than the {@code up to} amount, by default
 *       {@value #DEFAULT_SPREAD_CAP_PERCENT}% of the baseline's mean, so noise cannot hide a halving.</li>
 * </ul>
 * A leading {@code -} fails on a drop, {@code +} on a rise, no sign on a change either way.
 *
 * @param text      the rule as written
 * @param direction which change fails
 * @param terms     the allowances, of which the largest applies; empty when the metric is {@code off}
 * @param spreadCap the most the {@code Ncv} terms may allow, null for the default
 */
public record RegressionRule(Metric metric, String text, Direction direction, List<Term> terms, Term spreadCap) {
    public static final int DEFAULT_SPREAD_CAP_PERCENT = 30;
    public static final String EXPECTED =
            "expected a tolerance such as -10%, +5pt, +16m, +3cv, \"-10% or 3cv\", no-increase, exact or off";
    private static final int MAX_LENGTH = 100;
    private static final Pattern TERM = Pattern.compile("([+-]?)(\\d+(?:\\.\\d+)?) ?([a-z%]*)");

    /** Which change of the value fails the check. */
    public enum Direction { RISE, DROP, EITHER }

    /** One allowance: a fraction of the baseline, points, an amount in the metric's unit, or a multiple of the spread. */
    public record Term(Kind kind, double amount) {
        public enum Kind { PERCENT, POINTS, ABSOLUTE, SPREAD }

        public Term {
            Objects.requireNonNull(kind, "kind");
            if (!(amount >= 0) || Double.isInfinite(amount)) throw new IllegalArgumentException("amount must be finite and >= 0");
        }

        /** This term's allowance; {@code amount} of a PERCENT term is a fraction (10% is 0.10), of POINTS too. */
        double allowance(double baselineMagnitude, double cv) {
            return switch (kind) {
                case PERCENT -> amount * baselineMagnitude;
                case POINTS, ABSOLUTE -> amount;
                case SPREAD -> amount * cv * baselineMagnitude;
            };
        }
    }

    public RegressionRule {
        Objects.requireNonNull(metric, "metric");
        if (!metric.isCheckable()) throw new IllegalArgumentException(metric.jsonName() + " is not a metric a check can compare");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(direction, "direction");
        terms = List.copyOf(terms);
        if (spreadCap != null && spreadCap.kind() == Term.Kind.SPREAD) throw new IllegalArgumentException("a cap cannot be a spread");
    }

    /** True for {@code off}: the metric is not checked. */
    public boolean isOff() {
        return terms.isEmpty();
    }

    /**
     * The largest change in the failing direction that still passes, in the metric's unit.
     *
     * @param baselineCv the baseline's coefficient of variation, null when it has none (one repeat)
     * @param currentCv  this run's, null likewise
     */
    public double allowance(double baselineMean, Double baselineCv, Double currentCv) {
        double magnitude = Math.abs(baselineMean);
        double cv = Math.max(baselineCv == null ? 0 : baselineCv, currentCv == null ? 0 : currentCv);
        double cap = spreadCap == null ? DEFAULT_SPREAD_CAP_PERCENT / 100.0 * magnitude : spreadCap.allowance(magnitude, 0);
        double allowance = 0;
        for (Term term : terms) {
            double amount = term.allowance(magnitude, cv);
            allowance = Math.max(allowance, term.kind() == Term.Kind.SPREAD ? Math.min(amount, cap) : amount);
        }
        return allowance;
    }

    /** True when {@code current} moved from {@code baseline} in the failing direction by more than {@code allowance}. */
    public boolean fails(double baseline, double current, double allowance) {
        double worse = switch (direction) {
            case RISE -> current - baseline;
            case DROP -> baseline - current;
            case EITHER -> Math.abs(current - baseline);
        };
        // Means of whole counts (restarts 3.0 vs 3.0) must not fail on a rounding error.
        double epsilon = 1e-9 * Math.max(1, Math.max(Math.abs(baseline), Math.abs(current)));
        return worse > allowance + epsilon;
    }

    /**
     * Reads one rule of a {@code regression:} block.
     *
     * @throws IllegalArgumentException whose message follows the key in a one-line error, e.g.
     *                                  {@code "-10x" is not a tolerance (expected a tolerance such as -10%, ...)}
     */
    public static RegressionRule parse(String metricKey, String text) {
        Metric metric = Metric.byRegressionKey(metricKey).orElseThrow(() -> new IllegalArgumentException(
                "is not a metric limitlab checks (" + Suggestions.hint(metricKey, Metric.regressionKeys(), "expected one of") + ")"));
        return parse(metric, text);
    }

    public static RegressionRule parse(Metric metric, String text) {
        String quoted = YamlReader.quote(text);
        if (text.length() > MAX_LENGTH) throw new IllegalArgumentException(quoted + " is too long to be a tolerance (" + EXPECTED + ")");
        String rule = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Term zero = new Term(Term.Kind.ABSOLUTE, 0);
        switch (rule) {
            case "exact": return new RegressionRule(metric, text.strip(), Direction.EITHER, List.of(zero), null);
            case "no-increase": return new RegressionRule(metric, text.strip(), Direction.RISE, List.of(zero), null);
            case "no-decrease": return new RegressionRule(metric, text.strip(), Direction.DROP, List.of(zero), null);
            case "off": return new RegressionRule(metric, text.strip(), Direction.EITHER, List.of(), null);
            default: break;
        }
        String[] capped = rule.split(" up to ", -1);
        if (capped.length > 2) throw notATolerance(quoted);
        Set<String> signs = new HashSet<>();
        List<Term> terms = new ArrayList<>();
        for (String part : capped[0].split(" or ", -1)) {
            terms.add(term(metric, part, quoted, signs));
        }
        Term cap = null;
        if (capped.length == 2) {
            cap = term(metric, capped[1], quoted, signs);
            if (cap.kind() == Term.Kind.SPREAD) throw notATolerance(quoted);
            if (terms.stream().noneMatch(t -> t.kind() == Term.Kind.SPREAD)) {
                throw new IllegalArgumentException(quoted + " has \"up to\" but no spread term for it to bound (expected e.g. -10% or 3cv up to 40%)");
            }
        }
        if (signs.size() > 1) {
            throw new IllegalArgumentException(quoted + " mixes a rise (+) and a drop (-) (expected one direction, e.g. \"-10% or 3cv\")");
        }
        Direction direction = signs.contains("+") ? Direction.RISE : signs.contains("-") ? Direction.DROP : Direction.EITHER;
        return new RegressionRule(metric, text.strip(), direction, terms, cap);
    }

    private static Term term(Metric metric, String part, String quoted, Set<String> signs) {
        Matcher matcher = TERM.matcher(part.strip());
        if (!matcher.matches()) throw notATolerance(quoted);
        if (!matcher.group(1).isEmpty()) signs.add(matcher.group(1));
        double number = Double.parseDouble(matcher.group(2));
        String suffix = matcher.group(3);
        boolean ratio = metric.unit() == Metric.Unit.RATIO;
        switch (suffix) {
            case "%": return new Term(Term.Kind.PERCENT, number / 100);
            case "cv": return new Term(Term.Kind.SPREAD, number);
            case "pt":
                if (!ratio) throw unitMismatch(metric, quoted, "uses points, which only ratios take");
                return new Term(Term.Kind.POINTS, number / 100);
            case "":
                if (ratio) throw unitMismatch(metric, quoted, "is a bare number, which a ratio does not take");
                return new Term(Term.Kind.ABSOLUTE, number);
            default:
                if (metric.unit() != Metric.Unit.BYTES) throw notATolerance(quoted);
                try {
                    return new Term(Term.Kind.ABSOLUTE, Sizes.parse(matcher.group(2) + suffix));
                } catch (IllegalArgumentException notASize) {
                    throw notATolerance(quoted);
                }
        }
    }

    private static IllegalArgumentException notATolerance(String quoted) {
        return new IllegalArgumentException(quoted + " is not a tolerance (" + EXPECTED + ")");
    }

    private static IllegalArgumentException unitMismatch(Metric metric, String quoted, String problem) {
        String example = switch (metric.unit()) {
            case RATIO -> "points or a percentage, e.g. +5pt";
            case BYTES -> "a percentage or a size, e.g. +10% or +16m";
            case COUNT -> "a count or a percentage, e.g. +1 or no-increase";
            case CORES -> "a percentage or cores, e.g. +10% or +0.1";
            case OPS_PER_SECOND -> "a percentage or ops/s, e.g. -10%";
            case SCORE -> "a percentage or score units, e.g. -5%";
            case SECONDS_PER_SECOND -> "a percentage or seconds per second, e.g. +10%";
            case MILLISECONDS -> "a percentage or milliseconds, e.g. +10% or +5";
        };
        return new IllegalArgumentException(quoted + " " + problem + " (expected " + example + " for " + metric.regressionKey() + ")");
    }
}
