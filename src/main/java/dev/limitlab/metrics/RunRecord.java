package dev.limitlab.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run measured, as written to {@code run.json} (schema in docs/results.md).
 *
 * @param status         how far the run got
 * @param configurations each configuration across its repeats
 * @param confirmations  trials run after the others under the recommended limits, to confirm them
 * @param recommendation the recommendation made at the end of the run; null until one is made, and in a run.json
 *                       written without one
 * @param isolation      the isolation experiments (a victim beside an aggressor), each with its configurations
 */
public record RunRecord(int schemaVersion, String runId, String scenario, String scenarioFile, String limitlabVersion,
                        EngineInfo engine, Instant startedAt, Instant endedAt, RunStatus status, List<TrialResult> trials,
                        List<ConfigurationSummary> configurations, List<TrialResult> confirmations,
                        Recommendation recommendation, List<IsolationRun> isolation) {
    public static final int SCHEMA_VERSION = 1;

    /** A run with no isolation experiment. */
    public RunRecord(int schemaVersion, String runId, String scenario, String scenarioFile, String limitlabVersion,
                     EngineInfo engine, Instant startedAt, Instant endedAt, RunStatus status, List<TrialResult> trials,
                     List<ConfigurationSummary> configurations, List<TrialResult> confirmations, Recommendation recommendation) {
        this(schemaVersion, runId, scenario, scenarioFile, limitlabVersion, engine, startedAt, endedAt, status, trials,
                configurations, confirmations, recommendation, List.of());
    }

    public RunRecord {
        trials = List.copyOf(trials);
        isolation = isolation == null ? List.of() : List.copyOf(isolation);
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
        confirmations = confirmations == null ? List.of() : List.copyOf(confirmations);
    }

    public RunRecord withConfirmations(List<TrialResult> trials) {
        return new RunRecord(schemaVersion, runId, scenario, scenarioFile, limitlabVersion, engine, startedAt, endedAt,
                status, this.trials, configurations, trials, recommendation, isolation);
    }

    public RunRecord withRecommendation(Recommendation value) {
        return new RunRecord(schemaVersion, runId, scenario, scenarioFile, limitlabVersion, engine, startedAt, endedAt,
                status, trials, configurations, confirmations, value, isolation);
    }

    /** Its configurations across repeats: as run.json has them, or summarised from its trials when it has none. */
    public List<ConfigurationSummary> configurationsOrSummarised() {
        return configurations.isEmpty() ? RepeatAggregator.summarise(trials) : configurations;
    }

    /** The engine a run measured on. */
    public record EngineInfo(String host, String version, String image) {
    }
}
