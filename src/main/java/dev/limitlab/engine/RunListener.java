package dev.limitlab.engine;

import dev.limitlab.metrics.TrialResult;

import java.util.List;

/** Live progress of a run, kept apart from the result files. */
public interface RunListener {
    default void runStarted(String runId, List<Trial> trials) {
    }

    default void trialStarted(Trial trial) {
    }

    default void trialFinished(TrialResult result) {
    }

    RunListener NONE = new RunListener() {
    };
}
