package dev.limitlab.metrics;

/**
 * Where one trial of a limit search stands in its search, as run.json records it under {@code search}.
 *
 * @param resource  the searched limit: {@code cpus} or {@code memory} (bytes)
 * @param mode      {@code per-trial} (a container per trial) or {@code in-place} (one container, its limit updated)
 * @param step      1-based position in the search; a repeat of a value is a step of its own
 * @param value     the searched limit this trial ran with
 * @param passed    whether the value met the objective, judged on every trial so far
 * @param bracket   the bracket after this step
 * @param precision how narrow the bracket must become
 * @param ended     null while the search goes on; on its last step, why it ended
 */
public record SearchStep(String resource, String mode, int step, double value, boolean passed, Bracket bracket,
                         double precision, End ended) {

    /**
     * The largest value known to fail below the smallest known to pass; either is null while unknown.
     */
    public record Bracket(Double fails, Double passes) {
        /** Its width; infinite while either end is unknown. */
        public double width() {
            return fails == null || passes == null ? Double.POSITIVE_INFINITY : passes - fails;
        }
    }

    /** Why a search ended. */
    public enum End implements Spelled {
        /** The bracket is at most {@code precision} wide. */
        PRECISION,
        /** The smallest value of the range passes: the answer may lie lower. */
        LOWEST_PASSES,
        /** Not even the largest value of the range passes. */
        NONE_PASSES,
        /** {@code max-trials} or {@code max-time} ran out first: the bracket is wider than asked. */
        BUDGET,
        /** The run was interrupted or the engine failed. */
        STOPPED
    }
}
