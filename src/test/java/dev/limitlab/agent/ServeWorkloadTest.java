package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ServeWorkloadTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static WorkloadSpec.Serve serve(long workMicros, int holdBytes, boolean retain) {
        return new WorkloadSpec.Serve(0, 2, workMicros, holdBytes, retain, 1000, 0);
    }

    @Test
    void answersHealthAndNoopAndCountsServedRequests() throws Exception {
        try (var service = ServeWorkload.Service.start(serve(0, 0, false))) {
            var health = LoopbackHttp.get(service.port(), "/healthz");
            assertEquals(200, health.statusCode());
            assertEquals("ok\n", health.body());
            assertEquals(200, LoopbackHttp.get(service.port(), "/noop").statusCode());
            assertEquals(200, LoopbackHttp.get(service.port(), "/any/path?x=1").statusCode());
            assertEquals(2, service.requests(), "health checks are not counted as served requests");
        }
    }

    /**
     * The handler threads' CPU time per request is the set work plus the server's own handling: at least the work,
     * and not much more. Measured in thread CPU time, so a busy machine slows the requests but does not change it.
     */
    @Test
    void eachWorkRequestSpendsItsCpuTimeInTheHandlerThread() throws Exception {
        long workMicros = 2000;
        int requests = 30;
        try (var service = ServeWorkload.Service.start(serve(workMicros, 0, false))) {
            for (int i = 0; i < 10; i++) LoopbackHttp.get(service.port(), "/work"); // handler threads exist and are warm
            long[] handlers = handlerThreadIds();
            long before = cpuNanos(handlers);
            long wallStart = System.nanoTime();
            for (int i = 0; i < requests; i++) assertEquals(200, LoopbackHttp.get(service.port(), "/work").statusCode());
            double wallPerRequestMs = (System.nanoTime() - wallStart) / 1e6 / requests;
            double cpuPerRequestMs = (cpuNanos(handlers) - before) / 1e6 / requests;

            System.out.printf("serve --work-us %d: %.3f ms CPU, %.3f ms wall per request%n", workMicros, cpuPerRequestMs, wallPerRequestMs);
            assertTrue(cpuPerRequestMs >= 2.0 && cpuPerRequestMs < 3.5, "CPU per request " + cpuPerRequestMs + " ms");
            assertTrue(wallPerRequestMs >= 2.0, "wall time per request " + wallPerRequestMs + " ms");
            long noopBefore = cpuNanos(handlers);
            for (int i = 0; i < requests; i++) LoopbackHttp.get(service.port(), "/noop");
            double noopPerRequestMs = (cpuNanos(handlers) - noopBefore) / 1e6 / requests;
            assertTrue(noopPerRequestMs < 1.0, "noop CPU per request " + noopPerRequestMs + " ms");
        }
    }

    @Test
    void retainedMemoryGrowsWithEachRequestAndHeldMemoryDoesNot() throws Exception {
        try (var retaining = ServeWorkload.Service.start(serve(0, 1 << 20, true));
             var holding = ServeWorkload.Service.start(serve(0, 1 << 20, false))) {
            for (int i = 0; i < 3; i++) {
                LoopbackHttp.get(retaining.port(), "/work");
                LoopbackHttp.get(holding.port(), "/work");
            }
            assertEquals(3L << 20, retaining.retainedBytes());
            assertEquals(0, holding.retainedBytes());
        }
    }

    @Test
    void printsListeningSamplesAndEndLines() {
        var run = AgentRun.of("serve", "--port", "0", "--work-us", "100", "--report-ms", "100", "--duration-ms", "350");

        assertEquals(List.of(0), run.exitCodes(), run.stderr());
        assertEquals("start", run.lines().get(0).get("type").asText());
        JsonNode listening = run.only("listening");
        assertTrue(listening.get("port").asInt() > 0, listening.toString());
        assertEquals(100, listening.get("workMicros").asLong());
        assertTrue(run.ofType("sample").size() >= 3, run.lines().toString());
        assertEquals(0, run.only("end").get("totalRequests").asLong());
    }

    @Test
    void aTakenPortIsAnErrorLineAndExitOne() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var run = AgentRun.of("serve", "--port", Integer.toString(taken.getLocalPort()), "--duration-ms", "100");

            assertEquals(List.of(1), run.exitCodes());
            assertTrue(run.only("error").get("message").asText().startsWith("cannot listen on port " + taken.getLocalPort()),
                    run.lines().toString());
        }
    }

    private static long[] handlerThreadIds() {
        return Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().startsWith(ServeWorkload.THREAD_PREFIX))
                .mapToLong(ThreadInfo::getThreadId).toArray();
    }

    private static long cpuNanos(long[] threadIds) {
        return Arrays.stream(threadIds).map(THREADS::getThreadCpuTime).filter(t -> t > 0).sum();
    }
}
