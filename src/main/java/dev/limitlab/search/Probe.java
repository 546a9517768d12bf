package dev.limitlab.search;

import dev.limitlab.metrics.TrialResult;

import java.util.function.UnaryOperator;

/** Runs the search's trials: a container per trial, or steps of one container whose limit is updated in place. */
@FunctionalInterface
public interface Probe {
    /**
     * Runs one trial with the searched limit at {@code value} (the {@code repeat}-th at that value), records it as
     * {@code annotate} completes it (with its search step), and returns it as recorded.
     */
    TrialResult run(double value, int repeat, UnaryOperator<TrialResult> annotate);
}
