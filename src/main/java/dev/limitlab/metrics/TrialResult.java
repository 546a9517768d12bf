package dev.limitlab.metrics;

import java.time.Instant;

/**
 * One trial: a workload run once under one configuration, and what it measured.
 *
 * @param trial      1-based position in the run
 * @param repeat     1-based repeat of this configuration
 * @param endReason  why it ended
 * @param error      what went wrong with the tool or the engine, null when nothing did; a workload's
 *                   crash or OOM kill is a measurement, never an error
 */
public record TrialResult(int trial, String experiment, String workload, int repeat, String container,
                          TrialLimits limits, TrialSecurity security, Instant startedAt, Instant endedAt,
                          EndReason endReason, TrialMetrics metrics, String error) {
}
