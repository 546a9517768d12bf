package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class CpuWorkloadTest {

    @Test
    void reportsSamplesWithCompletedOperations() {
        var run = AgentRun.of("cpu", "--threads", "2", "--report-ms", "100", "--duration-ms", "300");

        assertEquals(List.of(0), run.exitCodes());
        assertEquals("start", run.lines().get(0).get("type").asText());
        List<JsonNode> samples = run.ofType("sample");
        assertTrue(samples.size() >= 2, "expected ~3 samples, got " + samples);
        long runningTotal = 0;
        for (JsonNode sample : samples) {
            assertEquals("cpu", sample.get("workload").asText());
            assertTrue(sample.get("ops").asLong() > 0, "ops in " + sample);
            assertTrue(sample.get("opsPerSec").asDouble() > 0, "opsPerSec in " + sample);
            runningTotal += sample.get("ops").asLong();
            assertEquals(runningTotal, sample.get("totalOps").asLong(), "totalOps is the sum of interval ops");
        }
        assertTrue(samples.get(samples.size() - 1).get("elapsedMs").asLong() >= 300, "runs for the full duration");
        JsonNode end = run.last();
        assertEquals("end", end.get("type").asText());
        assertTrue(end.get("totalOps").asLong() >= runningTotal);
    }

    @Test
    void opsPerSecondIsMeasuredOverTheActualInterval() {
        // The last interval is only ~50 ms long: a rate assuming the nominal 100 ms would be half the real one.
        var run = AgentRun.of("cpu", "--threads", "1", "--report-ms", "100", "--duration-ms", "250");
        List<JsonNode> samples = run.ofType("sample");
        assertTrue(samples.size() >= 2, samples.toString());
        long previousElapsedMs = 0;
        for (JsonNode sample : samples) {
            long intervalMs = sample.get("elapsedMs").asLong() - previousElapsedMs;
            previousElapsedMs = sample.get("elapsedMs").asLong();
            double derivedRate = sample.get("ops").asDouble() / (intervalMs / 1000.0);
            // elapsedMs is truncated to whole ms: allow a generous tolerance.
            assertEquals(derivedRate, sample.get("opsPerSec").asDouble(), derivedRate * 0.2 + 50, sample.toString());
        }
    }

    /**
     * Compares work done per wall-clock second at 50 % load with work done per CPU second at 100 % load (the rate of
     * one fully busy core). Normalising the full run by the CPU time it actually got keeps the comparison valid on a
     * noisy machine, where other processes may steal a different share of the CPU from each run.
     */
    @Test
    void halfLoadDoesClearlyLessWorkThanAFullyBusyCore() {
        AgentRun.of("cpu", "--threads", "1", "--report-ms", "100", "--duration-ms", "150"); // JIT warm-up
        long cpuBefore = processCpuNanos();
        long fullOps = totalOps(AgentRun.of("cpu", "--threads", "1", "--load", "100", "--report-ms", "100", "--duration-ms", "300"));
        double fullOpsPerCpuSecond = fullOps / ((processCpuNanos() - cpuBefore) / 1e9);

        long wallBefore = System.nanoTime();
        long halfOps = totalOps(AgentRun.of("cpu", "--threads", "1", "--load", "50", "--report-ms", "100", "--duration-ms", "300"));
        double halfOpsPerWallSecond = halfOps / ((System.nanoTime() - wallBefore) / 1e9);

        assertTrue(halfOps > 0, "the duty cycle still works part of the time");
        double ratio = halfOpsPerWallSecond / fullOpsPerCpuSecond; // ~0.5: the share of a core the 50 % run used
        assertTrue(ratio < 0.8, "50 % load should do about half of what a busy core does: ratio " + ratio
                + " (half " + halfOps + " ops, full " + fullOps + " ops)");
    }

    private static long totalOps(AgentRun run) {
        return run.only("end").get("totalOps").asLong();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
