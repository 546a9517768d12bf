package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class PidsWorkloadTest {

    private static final String REFUSAL = "unable to create native thread: possibly out of memory or process/resource limits reached";

    @Test
    void reportsTheRefusalOnceAndHoldsWhatItHas() {
        var starter = new RefusingStarter(3, REFUSAL);
        long started = System.nanoTime();

        var run = AgentRun.ofWorkload("pids", r -> new PidsWorkload(new WorkloadSpec.Pids(10, 150, 20), starter).run(r));

        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(150), "held for --hold-ms after the refusal");
        assertEquals(List.of(0), run.exitCodes(), "a refusal is a result, not a failure");
        assertEquals(4, starter.attempts, "stops trying after the first refusal");
        JsonNode refused = run.only("refused");
        assertEquals(3, refused.get("threadsStarted").asInt());
        assertEquals(REFUSAL, refused.get("error").asText());
        assertEquals("pids", refused.get("workload").asText());
        assertTrue(refused.has("t") && refused.has("processThreads"), refused.toString());
        assertTrue(run.ofType("reached").isEmpty(), "never reached 10");
        assertTrue(run.ofType("sample").size() >= 3, "samples while holding: " + run.lines());
        run.ofType("sample").forEach(sample -> assertEquals(3, sample.get("threadsStarted").asInt()));
        assertEquals("end", run.last().get("type").asText());
        assertEquals(3, run.last().get("threadsStarted").asInt());
        starter.threads.forEach(thread -> assertTrue(!thread.isAlive(), thread + " ended when the workload did"));
    }

    @Test
    void startsRealThreadsAndHolds() {
        long started = System.nanoTime();

        var run = AgentRun.of("pids", "--threads", "25", "--hold-ms", "100", "--report-ms", "30");

        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals(List.of(0), run.exitCodes());
        JsonNode reached = run.only("reached");
        assertEquals(25, reached.get("threadsStarted").asInt());
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(reached.get("processThreads").asLong() >= 25, "the JVM's threads count too: " + reached);
        }
        assertTrue(run.ofType("refused").isEmpty());
        // Samples may come in between on a busy machine (starting threads takes longer than 30 ms there).
        assertEquals(List.of("start", "reached", "end"), run.lines().stream().map(l -> l.get("type").asText())
                .filter(type -> !type.equals("sample")).toList());
        assertEquals("end", run.last().get("type").asText());
    }

    @Test
    void holdsUntilStoppedWhenToldToHoldForever() {
        var starter = new RefusingStarter(Integer.MAX_VALUE, REFUSAL);
        long started = System.nanoTime();

        var run = AgentRun.ofWorkload("pids", r -> new PidsWorkload(new WorkloadSpec.Pids(5, -1, 1000), starter)
                .run(r, r.startNanos() + TimeUnit.MILLISECONDS.toNanos(120)));

        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(elapsedMs >= 120 && elapsedMs < 2000, "stopped at the deadline, took " + elapsedMs + " ms");
        assertEquals(List.of("reached", "end"), run.lines().stream().map(l -> l.get("type").asText()).toList());
        starter.threads.forEach(thread -> assertTrue(!thread.isAlive(), "released on stop"));
    }

    /** Starts real threads, then fails like the JVM under a pids limit once {@code capacity} are running. */
}
