package dev.limitlab.metrics;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run measured, as written to {@code run.json} (schema in docs/results.md).
 *
 * @param status         {@code running} (mid-run checkpoint), {@code complete} or {@code interrupted}
 * @param configurations each configuration across its repeats
 * @param confirmations  trials run after the others under the recommended limits, to confirm them
 * @param recommendation the recommendation as written by {@code recommend} (kept as JSON: metrics does not
 *                       depend on the package that makes it); null until one is made
 */
public record RunRecord(int schemaVersion, String runId, String scenario, String scenarioFile, String limitlabVersion,
                        EngineInfo engine, Instant startedAt, Instant endedAt, String status, List<TrialResult> trials,
                        List<ConfigurationSummary> configurations, List<TrialResult> confirmations,
                        JsonNode recommendation) {
    public static final int SCHEMA_VERSION = 1;

    public RunRecord {
        trials = List.copyOf(trials);
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
        confirmations = confirmations == null ? List.of() : List.copyOf(confirmations);
    }

    public RunRecord withConfirmations(List<TrialResult> trials) {
        return new RunRecord(schemaVersion, runId, scenario, scenarioFile, limitlabVersion, engine, startedAt, endedAt,
                status, this.trials, configurations, trials, recommendation);
    }

    public RunRecord withRecommendation(JsonNode value) {
        return new RunRecord(schemaVersion, runId, scenario, scenarioFile, limitlabVersion, engine, startedAt, endedAt,
                status, trials, configurations, confirmations, value);
    }

    /** The engine a run measured on. */
    public record EngineInfo(String host, String version, String image) {
    }
}
