package dev.limitlab.scenario;

import dev.limitlab.format.Sizes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Go and the docker CLI write them, one unit each: {@code 200ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, or {@code 0}. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {}

    /**
     * The duration in {@code text}, to the nanosecond.
     *
     * @throws IllegalArgumentException with a reason to follow the value, e.g. "is not a duration"
     */
    public static Duration parse(String text) {
        if (text.equals("0")) return Duration.ZERO;
        if (text.length() > 32) throw new IllegalArgumentException("is too long to be a duration");
        if (text.startsWith("-")) throw new IllegalArgumentException("is negative");
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) throw new IllegalArgumentException("is not a duration");
        BigDecimal nanos = new BigDecimal(matcher.group(1))
                .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2))))
                .setScale(0, RoundingMode.DOWN);
        // Durations beyond ~292 years do not fit the nanosecond counts the rest of the tool computes with.
        if (nanos.compareTo(MAX_NANOS) > 0) throw new IllegalArgumentException("is too large");
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** For reports, exact to the millisecond: {@code 0}, {@code 0.5ms}, {@code 200ms}, {@code 1.5s}, {@code 90s}, {@code 2m}, {@code 1h}. */
    public static String format(Duration duration) {
        if (duration.isZero()) return "0";
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        if (seconds.signum() < 0) return "-" + format(seconds.negate());
        return format(seconds);
    }

    private static String format(BigDecimal seconds) {
        if (seconds.compareTo(BigDecimal.ONE) < 0) {
            return Sizes.decimal(seconds.movePointRight(3).setScale(3, RoundingMode.HALF_UP)) + "ms";
        }
        if (isWhole(seconds, 3600)) return Sizes.decimal(seconds.divide(BigDecimal.valueOf(3600))) + "h";
        if (isWhole(seconds, 60)) return Sizes.decimal(seconds.divide(BigDecimal.valueOf(60))) + "m";
        return Sizes.decimal(seconds.setScale(3, RoundingMode.HALF_UP)) + "s";
    }

    private static boolean isWhole(BigDecimal seconds, long unit) {
        return seconds.remainder(BigDecimal.valueOf(unit)).signum() == 0;
    }
}
