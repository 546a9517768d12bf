package dev.limitlab.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run measured, as written to {@code run.json} (schema in docs/results.md).
 *
 * @param status         {@code running} (mid-run checkpoint), {@code complete} or {@code interrupted}
 * @param configurations each configuration across its repeats
 */
public record RunRecord(int schemaVersion, String runId, String scenario, String scenarioFile, String limitlabVersion,
                        EngineInfo engine, Instant startedAt, Instant endedAt, String status, List<TrialResult> trials,
                        List<ConfigurationSummary> configurations) {
    public static final int SCHEMA_VERSION = 1;

    public RunRecord {
        trials = List.copyOf(trials);
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
    }

    /** The engine a run measured on. */
    public record EngineInfo(String host, String version, String image) {
    }
}
