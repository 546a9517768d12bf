package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class PhasesWorkloadTest {

    private static final WorkloadSpec CPU = new WorkloadSpec.Cpu(1, 10, 10, 50, 0);
    private static final WorkloadSpec PIDS = new WorkloadSpec.Pids(5, -1, 50);
    private static final WorkloadSpec MEMORY = new WorkloadSpec.Memory(1, 1, -1, WorkloadSpec.MemoryMode.NATIVE, false, 50);

    @Test
    void runsThePhasesInOrderEachUntilItsScheduledEnd() {
        var spec = new WorkloadSpec.Phases(List.of(
                new WorkloadSpec.Phase(100, CPU), new WorkloadSpec.Phase(150, PIDS), new WorkloadSpec.Phase(80, MEMORY)));
        List<Call> calls = new ArrayList<>();
        long[] start = new long[1];

        var run = AgentRun.ofWorkload("phases", reporter -> {
            start[0] = reporter.startNanos();
            // Each fake returns at once, as a workload that ended early would: the phase must still last its duration.
            return new PhasesWorkload(spec, phase -> (r, stopAt) -> {
                calls.add(new Call(phase.name(), ms(System.nanoTime() - start[0]), ms(stopAt - start[0])));
                r.emit(r.line("sample"));
                return 0;
            }).run(reporter);
        });
        long elapsedMs = ms(System.nanoTime() - start[0]);

        assertEquals(List.of(0), run.exitCodes());
        assertEquals(List.of("cpu", "pids", "memory"), calls.stream().map(Call::workload).toList());
        assertEquals(List.of(100L, 250L, 330L), calls.stream().map(Call::stopAtMs).toList(), "ends scheduled from the start");
        assertTrue(calls.get(1).startedMs() >= 100 && calls.get(2).startedMs() >= 250, "a phase waits for the previous one's end: " + calls);
        assertTrue(elapsedMs >= 330 && elapsedMs < 3000, "took " + elapsedMs + " ms");

        assertEquals(List.of("phase", "sample", "phase", "sample", "phase", "sample"), types(run));
        assertEquals(List.of(0, 0, 1, 1, 2, 2), run.lines().stream().map(line -> line.get("phase").asInt()).toList());
        assertEquals(List.of("cpu", "cpu", "pids", "pids", "memory", "memory"),
                run.lines().stream().map(line -> line.get("workload").asText()).toList());
        assertEquals(List.of(100L, 150L, 80L), run.ofType("phase").stream().map(line -> line.get("durationMs").asLong()).toList());
    }

    @Test
    void aFailingPhaseEndsTheRunWithItsCode() {
        var spec = new WorkloadSpec.Phases(List.of(
                new WorkloadSpec.Phase(10, CPU), new WorkloadSpec.Phase(10, MEMORY), new WorkloadSpec.Phase(10, PIDS)));
        List<String> ran = new ArrayList<>();

        var run = AgentRun.ofWorkload("phases", reporter -> new PhasesWorkload(spec, phase -> (r, stopAt) -> {
            ran.add(phase.name());
            return phase == MEMORY ? MemoryWorkload.EXIT_OUT_OF_MEMORY : 0;
        }).run(reporter));

        assertEquals(List.of(MemoryWorkload.EXIT_OUT_OF_MEMORY), run.exitCodes());
        assertEquals(List.of("cpu", "memory"), ran);
    }

    @Test
    void runsRealWorkloadsAndTagsEveryLineWithItsPhase() {
        long resident = Math.max(0, ProcessMemory.residentBytes());
        long started = System.nanoTime();

        var run = AgentRun.of("phases",
                "--phase", "200", "cpu", "--threads", "1", "--load", "50", "--report-ms", "50",
                // Phase ends are scheduled from the start: give the pids phase room on a loaded machine.
                "--phase", "600", "pids", "--threads", "5", "--report-ms", "50",
                "--phase", "300", "memory", "--target-bytes", Long.toString(resident + 8 * ProcessMemory.MIB),
                "--rate-bytes-per-sec", Long.toString(256 * ProcessMemory.MIB), "--report-ms", "50");

        long elapsedMs = ms(System.nanoTime() - started);
        assertEquals(List.of(0), run.exitCodes());
        assertTrue(elapsedMs >= 1100 && elapsedMs < 6000, "took " + elapsedMs + " ms");
        JsonNode start = run.lines().get(0);
        assertEquals("start", start.get("type").asText());
        assertEquals("phases", start.get("workload").asText());
        assertTrue(!start.has("phase"), "the start line keeps its format");

        List<JsonNode> phaseLines = run.lines().subList(1, run.lines().size());
        int previous = 0;
        for (JsonNode line : phaseLines) {
            int phase = line.get("phase").asInt();
            assertTrue(phase == previous || phase == previous + 1, "phases in order: " + run.lines());
            assertEquals(List.of("cpu", "pids", "memory").get(phase), line.get("workload").asText(), line.toString());
            previous = phase;
        }
        assertEquals(2, previous);
        assertEquals(List.of(0, 1, 2), run.ofType("phase").stream().map(line -> line.get("phase").asInt()).toList());
        assertTrue(run.ofType("sample").stream().anyMatch(line -> line.get("phase").asInt() == 0 && line.get("ops").asLong() > 0));
        assertEquals(5, run.ofType("reached").stream().filter(line -> line.get("phase").asInt() == 1).findFirst().orElseThrow()
                .get("threadsStarted").asInt());
        assertEquals(3, run.ofType("end").size(), "each phase's workload ended: " + run.lines());
    }

    private record Call(String workload, long startedMs, long stopAtMs) {
    }

    private static List<String> types(AgentRun run) {
        return run.lines().stream().map(line -> line.get("type").asText()).toList();
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
