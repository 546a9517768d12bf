package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class CrashAndAgentTest {

    @Test
    void crashReportsRemainingTimeThenExitsWithTheCode() {
        long started = System.nanoTime();
        var run = AgentRun.of("crash", "--run-for-ms", "250", "--exit-code", "42", "--report-ms", "50");

        assertTrue(System.nanoTime() - started >= 250_000_000L, "waits --run-for-ms before exiting");
        assertEquals(List.of(42), run.exitCodes());
        JsonNode exit = run.last();
        assertEquals("exit", exit.get("type").asText());
        assertEquals(42, exit.get("exitCode").asInt());
        List<JsonNode> samples = run.ofType("sample");
        assertTrue(samples.size() >= 2, "samples while waiting: " + run.lines());
        long previous = Long.MAX_VALUE;
        for (JsonNode sample : samples) {
            long remaining = sample.get("remainingMs").asLong();
            assertTrue(remaining >= 0 && remaining < previous && remaining <= 250, "remainingMs counts down: " + samples);
            previous = remaining;
        }
    }

    @Test
    void startLineDescribesTheRuntime() {
        var run = AgentRun.of(AgentRun.FIXED_CLOCK, "crash", "--run-for-ms", "0", "--exit-code", "0");

        JsonNode start = run.lines().get(0);
        assertEquals("start", start.get("type").asText());
        assertEquals("crash", start.get("workload").asText());
        assertEquals(AgentRun.FIXED_CLOCK.millis(), start.get("t").asLong(), "t comes from the injected clock");
        assertEquals(Runtime.getRuntime().availableProcessors(), start.get("availableProcessors").asInt());
        assertEquals(Runtime.getRuntime().maxMemory(), start.get("maxHeapBytes").asLong());
        assertEquals(ProcessHandle.current().pid(), start.get("pid").asLong());
        JsonNode limit = start.get("containerMemoryLimitBytes");
        assertTrue(limit.isNull() || limit.asLong() > 0, "null or a positive limit: " + limit);
        assertEquals(List.of(0), run.exitCodes());
        assertEquals(List.of("start", "exit"), run.lines().stream().map(l -> l.get("type").asText()).toList());
    }

    @Test
    void badArgumentsPrintOneUsageLineAndExitTwo() {
        var run = AgentRun.of("cpu", "--threads", "many");

        assertEquals(List.of(Agent.EXIT_USAGE), run.exitCodes());
        assertEquals("agent: --threads must be a whole number, not 'many'" + System.lineSeparator(), run.stderr());
        assertTrue(run.lines().isEmpty(), "nothing on stdout");
    }
}
