package dev.limitlab.report;

import dev.limitlab.metrics.LoadMetrics;
import dev.limitlab.metrics.WorkloadReport;

import java.util.List;

/**
 * One second of a service trial as its load driver printed it in workload.jsonl (a {@code sample} line of the
 * {@code load} workload): when, whether it was still the warm-up, and the latency of the requests of that second.
 *
 * @param elapsedSeconds since the driver's agent started
 * @param warmup         true while the driver was still warming the service up (left out of run.json's figures)
 * @param latencyMs      the second's percentiles; null when no response came in that second
 */
record DriverSecond(double elapsedSeconds, boolean warmup, LoadMetrics.Latency latencyMs) {
    /** The agent's name for the load driver, in the {@code workload} field of each of its lines. */
    static final String DRIVER = "load";
    private static final String SAMPLE = "sample";

    /** The driver's per-second lines among a trial's agent lines, in file order (the service's own lines left out). */
    static List<DriverSecond> of(List<WorkloadReport> lines) {
        return lines.stream()
                .filter(line -> line.is(SAMPLE) && DRIVER.equals(line.text("workload")) && line.number("elapsedMs") != null)
                .map(line -> new DriverSecond(line.number("elapsedMs") / 1000, Boolean.TRUE.equals(line.fields().get("warmup")),
                        LoadMetrics.Latency.of(line.fields().get("latencyMs"))))
                .toList();
    }
}
