package dev.limitlab.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as the docker CLI writes them ({@code 512m}, {@code 1.5g}); units are binary multiples (1k = 1024). */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([a-zA-Z]*)");
    private static final long KIB = 1L << 10, MIB = 1L << 20, GIB = 1L << 30;
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", KIB), Map.entry("kb", KIB), Map.entry("kib", KIB),
            Map.entry("m", MIB), Map.entry("mb", MIB), Map.entry("mib", MIB),
            Map.entry("g", GIB), Map.entry("gb", GIB), Map.entry("gib", GIB));
    private static final List<Map.Entry<String, Long>> FORMAT_UNITS = List.of(Map.entry("g", GIB), Map.entry("m", MIB), Map.entry("k", KIB));
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Sizes() {}

    /**
     * Bytes in {@code text}: plain bytes or a number with a unit, fractions truncated to whole bytes as docker does.
     *
     * @throws IllegalArgumentException with a reason to follow the value, e.g. "is not a size"
     */
    public static long parse(String text) {
        if (text.length() > 32) throw new IllegalArgumentException("is too long to be a size");
        if (text.startsWith("-")) throw new IllegalArgumentException("is negative");
        Matcher matcher = SIZE.matcher(text);
        Long unit = matcher.matches() ? UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) throw new IllegalArgumentException("is not a size");
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.DOWN);
        if (bytes.compareTo(MAX) > 0) throw new IllegalArgumentException("is too large");
        return bytes.longValueExact();
    }

    /** For reports: the largest unit that fits, at most two decimals, e.g. {@code 128m}, {@code 1.5g}, {@code 512b}. */
    public static String format(long bytes) {
        BigDecimal value = BigDecimal.valueOf(bytes);
        for (Map.Entry<String, Long> unit : FORMAT_UNITS) {
            BigDecimal size = BigDecimal.valueOf(unit.getValue());
            if (value.abs().compareTo(size) >= 0) return decimal(value.divide(size, 2, RoundingMode.HALF_UP)) + unit.getKey();
        }
        return bytes + "b";
    }

    /** A decimal without trailing zeros or exponent: {@code 1.5}, {@code 128}. */
    public static String decimal(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
