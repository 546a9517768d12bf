package dev.limitlab.engine;

import dev.limitlab.metrics.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a trial again while the host disturbed it ({@link TrialResult#disturbed()}), up to {@code max} more times.
 * The last attempt counts and keeps the earlier ones; one still disturbed after them all is inconclusive.
 */
record Reruns(int max) {
    TrialResult run(Supplier<TrialResult> attempt) {
        List<TrialResult> disturbed = new ArrayList<>();
        TrialResult result = attempt.get();
        while (result.disturbed() && disturbed.size() < max && !Thread.currentThread().isInterrupted()) {
            disturbed.add(result);
            result = attempt.get();
        }
        return result.afterAttempts(disturbed, result.disturbed());
    }
}
