package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ForkBombWorkloadTest {

    @Test
    void keepsRetryingRefusedStartsAndCountsThem() {
        var starter = new RefusingStarter(4, "unable to create native thread");
        var run = AgentRun.ofWorkload("fork-bomb", r -> new ForkBombWorkload(new WorkloadSpec.ForkBomb(1000, 20), starter)
                .run(r, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150)));

        assertEquals(List.of(0), run.exitCodes(), "a refusal is a result, not a failure");
        JsonNode end = run.last();
        assertEquals("end", end.get("type").asText());
        assertEquals(4, end.get("threadsStarted").asInt());
        long refused = end.get("refused").asLong();
        assertTrue(refused > 1, "kept retrying after the first refusal: " + end);
        assertEquals(starter.attempts - 4, refused, "every refused start is counted");
        assertEquals(1, run.ofType("refused").size(), "the first refusal is reported once: " + run.lines());
        assertTrue(run.ofType("sample").size() >= 2, "samples while it retries: " + run.lines());
        starter.threads.forEach(thread -> assertTrue(!thread.isAlive(), thread + " ended when the workload did"));
    }

    @Test
    void stopsStartingAtItsCapAndParsesFromTheCommandLine() {
        var spec = (WorkloadSpec.ForkBomb) AgentArgs.parse("fork-bomb", "--max-threads", "3", "--report-ms", "10");
        var run = AgentRun.ofWorkload("fork-bomb", r -> new ForkBombWorkload(spec, PidsWorkload::startPlatformThread)
                .run(r, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100)));

        assertEquals(3, run.last().get("threadsStarted").asInt(), run.lines().toString());
        assertEquals(0, run.last().get("refused").asLong());
    }
}
