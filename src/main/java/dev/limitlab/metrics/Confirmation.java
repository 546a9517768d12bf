package dev.limitlab.metrics;

/**
 * What a confirmation trial under the recommended limits measured, and whether it kept the targets.
 *
 * @param trial                 the confirmation trial's position in the run
 * @param throughput            its throughput (ops/s, or the reciprocal of a time-per-op score); null if not measured
 * @param throughputShare       throughput as a share of the best its experiment reached; null if either is unknown
 * @param throttledPeriodsRatio its throttled periods ÷ periods; null without a CPU limit
 * @param passed                every judged criterion met
 * @param reason                the figures judged, or the ones that failed
 */
public record Confirmation(int trial, Double throughput, Double throughputShare, Double throttledPeriodsRatio,
                           int oomKills, int restarts, boolean passed, String reason) {
}
