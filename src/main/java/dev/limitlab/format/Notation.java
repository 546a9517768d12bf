package dev.limitlab.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How limitlab writes figures and configurations for people, the same in every report and whatever the
 * default Locale: cores with two decimals, shares as percentages, bytes in MiB, throughput with three
 * significant digits.
 */
public final class Notation {
    public static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private Notation() {
    }

    public static String cores(double cores) {
        return String.format(Locale.ROOT, "%.2f", cores);
    }

    /** A 0..1 share as a percentage with one decimal: {@code 0.123} is {@code 12.3 %}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    public static String mebibytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    public static String rate(double opsPerSecond) {
        return String.format(Locale.ROOT, "%.3g", opsPerSecond);
    }

    /** Milliseconds with two significant decimals below 10 ms and one above: {@code 1.27 ms}, {@code 48.3 ms}. */
    public static String millis(double milliseconds) {
        return String.format(Locale.ROOT, milliseconds < 10 ? "%.2f ms" : "%.1f ms", milliseconds);
    }

    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /** A decimal with no trailing zeros, as the docker CLI takes it: {@code 0.75}, {@code 2}. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * Bytes in the largest docker unit that divides them exactly ({@code 192m}, {@code 2g}), so a flag
     * means exactly the number recommended; plain bytes otherwise.
     */
    public static String exactSize(long bytes) {
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + "g";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + "m";
        }
        if (bytes != 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "k";
        }
        return Long.toString(bytes);
    }
}
