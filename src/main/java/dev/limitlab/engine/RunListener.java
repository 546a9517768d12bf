package dev.limitlab.engine;

import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialResult;

import java.util.List;

/** Live progress of a run, kept apart from the result files. */
public interface RunListener {
    default void runStarted(String runId, List<Trial> trials) {
    }

    default void trialStarted(Trial trial) {
    }

    /** The run's own trials are done; these confirm the recommended limits. */
    default void confirmationStarted(List<Trial> confirmations) {
    }

    /** A reading of the running trial's counters (about every 100 ms with the cgroup sampler), for live figures. */
    default void sampled(Trial trial, StatsSample sample) {
    }

    default void trialFinished(TrialResult result) {
    }

    RunListener NONE = new RunListener() {
    };
}
