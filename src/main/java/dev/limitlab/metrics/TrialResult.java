package dev.limitlab.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;
import java.util.List;

/**
 * One trial: a workload run once under one configuration, and what it measured.
 *
 * @param trial      1-based position in the run
 * @param repeat     1-based repeat of this configuration
 * @param endReason  why it ended
 * @param error      what went wrong with the tool or the engine, null when nothing did; a workload's
 *                   crash or OOM kill is a measurement, never an error
 * @param search     where the trial stands in a limit search ({@code search:}); null for a trial of a matrix
 * @param attempts   the earlier attempts of this trial that the host disturbed (see {@link TrialMetrics#disturbed()}),
 *                   oldest first; empty when it ran once. This one is the attempt that counts.
 * @param inconclusive still disturbed after its reruns: the host was too busy to measure it, so neither the
 *                   recommendation nor a check uses it
 */
public record TrialResult(int trial, String experiment, String workload, int repeat, String container,
                          TrialLimits limits, TrialSecurity security, Instant startedAt, Instant endedAt,
                          EndReason endReason, TrialMetrics metrics, String error, SearchStep search,
                          List<TrialResult> attempts, boolean inconclusive) {
    @JsonCreator // the canonical constructor, not the shorter ones, reads run.json
    public TrialResult {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A trial that ran once. */
    public TrialResult(int trial, String experiment, String workload, int repeat, String container,
                       TrialLimits limits, TrialSecurity security, Instant startedAt, Instant endedAt,
                       EndReason endReason, TrialMetrics metrics, String error, SearchStep search) {
        this(trial, experiment, workload, repeat, container, limits, security, startedAt, endedAt, endReason, metrics, error,
                search, List.of(), false);
    }

    /** A trial of no search. */
    public TrialResult(int trial, String experiment, String workload, int repeat, String container,
                       TrialLimits limits, TrialSecurity security, Instant startedAt, Instant endedAt,
                       EndReason endReason, TrialMetrics metrics, String error) {
        this(trial, experiment, workload, repeat, container, limits, security, startedAt, endedAt, endReason, metrics, error, null);
    }

    public TrialResult withSearch(SearchStep step) {
        return new TrialResult(trial, experiment, workload, repeat, container, limits, security, startedAt, endedAt,
                endReason, metrics, error, step, attempts, inconclusive);
    }

    /** This attempt, after the disturbed {@code earlier} ones; {@code stillDisturbed} makes it inconclusive. */
    public TrialResult afterAttempts(List<TrialResult> earlier, boolean stillDisturbed) {
        return new TrialResult(trial, experiment, workload, repeat, container, limits, security, startedAt, endedAt,
                endReason, metrics, error, search, earlier, stillDisturbed);
    }

    /**
     * The trial measured something that the recommendation, the repeat summaries and a check may use: it ran (no
     * error of the tool or the engine) and the host let it measure (not inconclusive). The one test of that.
     */
    public boolean usable() {
        return error == null && metrics != null && !inconclusive;
    }

    /** The host disturbed this attempt, so it is worth running again. */
    public boolean disturbed() {
        return error == null && metrics != null && metrics.disturbed();
    }
}
