package dev.limitlab.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;

/**
 * One trial: a workload run once under one configuration, and what it measured.
 *
 * @param trial      1-based position in the run
 * @param repeat     1-based repeat of this configuration
 * @param endReason  why it ended
 * @param error      what went wrong with the tool or the engine, null when nothing did; a workload's
 *                   crash or OOM kill is a measurement, never an error
 * @param search     where the trial stands in a limit search ({@code search:}); null for a trial of a matrix
 * @param placement  the node it ran on and what the engine did not apply (Swarm); null on the local engine
 */
public record TrialResult(int trial, String experiment, String workload, int repeat, String container,
                          TrialLimits limits, TrialSecurity security, Instant startedAt, Instant endedAt,
                          EndReason endReason, TrialMetrics metrics, String error, SearchStep search,
                          EnginePlacement placement) {
    @JsonCreator // the canonical constructor, not the one without a search, reads run.json
    public TrialResult {
    }

    /** A trial of no search. */
    public TrialResult(int trial, String experiment, String workload, int repeat, String container,
                       TrialLimits limits, TrialSecurity security, Instant startedAt, Instant endedAt,
                       EndReason endReason, TrialMetrics metrics, String error) {
        this(trial, experiment, workload, repeat, container, limits, security, startedAt, endedAt, endReason, metrics, error, null);
    }

    /** A trial on the local engine. */
    public TrialResult(int trial, String experiment, String workload, int repeat, String container,
                       TrialLimits limits, TrialSecurity security, Instant startedAt, Instant endedAt,
                       EndReason endReason, TrialMetrics metrics, String error, SearchStep search) {
        this(trial, experiment, workload, repeat, container, limits, security, startedAt, endedAt, endReason, metrics, error,
                search, null);
    }

    public TrialResult withSearch(SearchStep step) {
        return new TrialResult(trial, experiment, workload, repeat, container, limits, security, startedAt, endedAt,
                endReason, metrics, error, step, placement);
    }

    public TrialResult withPlacement(EnginePlacement where) {
        return new TrialResult(trial, experiment, workload, repeat, container, limits, security, startedAt, endedAt,
                endReason, metrics, error, search, where);
    }
}
