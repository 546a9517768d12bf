package dev.limitlab.regression;

import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.TrialResult;

import java.time.Instant;
import java.util.List;

/**
 * What a check compares against: every configuration of one complete run, each metric's mean and spread
 * across its repeats. Saved by {@code limitlab baseline save} and committed by users (see {@link BaselineJson}).
 *
 * @param runId      the run it was saved from
 * @param measuredAt when that run started
 */
public record Baseline(int schemaVersion, String scenario, String runId, Instant measuredAt, String limitlabVersion,
                       List<ConfigurationFigures> configurations) {
    public static final int SCHEMA_VERSION = 1;

    public Baseline {
        configurations = List.copyOf(configurations);
    }

    /** A baseline from a complete run in which every trial ran; anything less would make every later check doubtful. */
    public static Baseline of(RunRecord run) throws BaselineException {
        if (run.status() != RunStatus.COMPLETE) {
            throw new BaselineException("run " + run.runId() + " is " + run.status().label() + " (expected a complete run to save as a baseline)");
        }
        long failed = run.trials().stream().filter(trial -> trial.error() != null).count();
        if (failed > 0) {
            TrialResult first = run.trials().stream().filter(trial -> trial.error() != null).findFirst().orElseThrow();
            throw new BaselineException("run " + run.runId() + " has " + failed + " trial(s) the engine could not run, e.g. trial "
                    + first.trial() + ": " + first.error() + " (expected a run without failed trials)");
        }
        TrialResult inconclusive = run.trials().stream().filter(TrialResult::inconclusive).findFirst().orElse(null);
        if (inconclusive != null) {
            throw new BaselineException("run " + run.runId() + " has trial " + inconclusive.trial()
                    + " inconclusive: the host was busy (expected a run measured on a quiet host)");
        }
        return new Baseline(SCHEMA_VERSION, run.scenario(), run.runId(), run.startedAt(), run.limitlabVersion(),
                ConfigurationFigures.of(run));
    }
}
