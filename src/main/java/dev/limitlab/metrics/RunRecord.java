package dev.limitlab.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run measured, as written to {@code run.json} (schema in docs/results.md).
 *
 * @param status {@code complete}, {@code interrupted} or {@code failed}
 */
public record RunRecord(int schemaVersion, String runId, String scenario, String scenarioFile, String limitlabVersion,
                        EngineInfo engine, Instant startedAt, Instant endedAt, String status, List<TrialResult> trials) {
    public static final int SCHEMA_VERSION = 1;

    public RunRecord {
        trials = List.copyOf(trials);
    }

    /** The engine a run measured on. */
    public record EngineInfo(String host, String version, String image) {
    }
}
