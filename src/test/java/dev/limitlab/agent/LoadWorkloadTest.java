package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver against servers on 127.0.0.1 in this JVM; each run is bounded by its duration plus one timeout. */
@Timeout(60)
class LoadWorkloadTest {

    private static final String STALL_MS = "500";

    private static AgentRun drive(int port, String... options) {
        List<String> args = new ArrayList<>(List.of("load", "--port", Integer.toString(port)));
        args.addAll(List.of(options));
        if (!args.contains("--request")) args.addAll(List.of("--request", "GET", "/work"));
        AgentRun run = AgentRun.of(args.toArray(String[]::new));
        System.out.println("load " + String.join(" ", options) + " -> " + run.only("summary"));
        return run;
    }

    @Test
    void keepsAFixedRateAndReportsEverySecondAndTheWindow() {
        try (var service = ServeWorkload.Service.start(new WorkloadSpec.Serve(0, 4, 1000, 0, false, 1000, 0))) {
            var run = drive(service.port(), "--rate", "200", "--warmup-ms", "500", "--duration-ms", "2000", "--report-ms", "250",
                    "--request", "GET", "/work", "--request", "POST", "/items", "--body", "{\"a\":1}",
                    "--header", "Content-Type: application/json");

            assertEquals(List.of(0), run.exitCodes(), run.stderr());
            List<JsonNode> samples = run.ofType("sample");
            assertTrue(samples.size() >= 10, samples.toString());
            assertTrue(samples.get(0).get("warmup").asBoolean(), samples.get(0).toString());
            for (JsonNode sample : samples) {
                for (String field : List.of("elapsedMs", "sent", "completed", "inFlight", "errors", "driverLagMaxMs")) {
                    assertTrue(sample.has(field), field + " in " + sample);
                }
                assertTrue(sample.get("latencyMs").has("p999"), sample.toString());
            }
            assertTrue(samples.get(4).get("sent").asLong() >= 40, "about 50 a quarter second: " + samples.get(4));

            JsonNode summary = run.only("summary");
            assertEquals(200, summary.get("offeredRate").asDouble(), 2);
            assertEquals(summary.get("offeredRate").asDouble(), summary.get("achievedRate").asDouble(),
                    summary.get("offeredRate").asDouble() * 0.01, summary.toString());
            assertEquals(0, summary.get("errorRatio").asDouble(), summary.toString());
            assertEquals(summary.get("achievedRate").asDouble(), summary.get("throughputPerSec").asDouble(), 1e-9);
            JsonNode latency = summary.get("latencyMs");
            for (String percentile : List.of("p50", "p90", "p99", "p999", "max")) {
                assertTrue(latency.get(percentile).asDouble() >= 1.0, percentile + " includes the 1 ms of work: " + latency);
            }
            // Whether a shared machine let the driver keep its schedule is not this test's to decide; that it says so is.
            assertEquals(summary.get("driverLagMs").get("p99").asDouble() > LoadWorkload.DRIVER_BEHIND_BOUND_MS,
                    summary.get("driverBehind").asBoolean(), summary.toString());
            assertTrue(summary.get("driverCpuMs").asDouble() > 0, summary.toString());
            assertTrue(summary.get("driverResidentBytes").asLong() > 0, summary.toString());

            Histogram logged = readLog(run);
            assertEquals(summary.get("responses").asLong(), logged.getTotalCount(), "the log holds the whole window");
            assertEquals(latency.get("max").asDouble(), logged.getMaxValue() / 1e6, 0.01);
        }
    }

    /**
     * One 500 ms stall while requests wait for the only connection: measured from their schedule, the ~50 requests
     * meant to start during the stall all show it; measured from their actual send (the service time), only the one
     * that met the stall does, which leaves p99 low.
     */
    @Test
    void aStallShowsInTheTailWhenLatencyCountsFromTheSchedule() {
        var stalled = new AtomicBoolean();
        var firstRequest = new AtomicLong();
        try (var server = LoopbackHttp.server(1, exchange -> {
            firstRequest.compareAndSet(0, System.nanoTime());
            // a second after the first request: well inside the measured window, which starts 300 ms in
            if (System.nanoTime() - firstRequest.get() > 1_000_000_000L && stalled.compareAndSet(false, true)) {
                sleep(Long.parseLong(STALL_MS));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        })) {
            var run = drive(server.port(), "--rate", "100", "--connections", "1", "--warmup-ms", "300", "--duration-ms", "2000");

            JsonNode summary = run.only("summary");
            assertTrue(stalled.get(), "the server stalled");
            JsonNode latency = summary.get("latencyMs");
            assertTrue(latency.get("max").asDouble() >= 500, latency.toString());
            assertTrue(latency.get("p99").asDouble() >= 400, latency.toString());
            JsonNode naive = summary.get("serviceTimeMs");
            assertTrue(naive.get("max").asDouble() >= 500, naive.toString());
            assertTrue(naive.get("p99").asDouble() < 100, "the actual-send measure hides the stall: " + naive);
            assertEquals(0, summary.get("errorRatio").asDouble());
        }
    }

    @Test
    void aClosedPortCountsAsRefused() throws Exception {
        var run = drive(LoopbackHttp.closedPort(), "--rate", "20", "--duration-ms", "500", "--timeout-ms", "1000");

        JsonNode summary = run.only("summary");
        assertEquals(summary.get("requests").asLong(), summary.get("errors").path(LoadRecorder.REFUSED).asLong(), summary.toString());
        assertEquals(1.0, summary.get("errorRatio").asDouble());
        assertEquals(0, summary.get("achievedRate").asDouble());
    }

    @Test
    void waitsForTheServiceToAnswerItsHealthPathThenLoadsIt() {
        try (var service = ServeWorkload.Service.start(new WorkloadSpec.Serve(0, 2, 0, 0, false, 1000, 0))) {
            var run = drive(service.port(), "--ready-http", "/healthz", "--rate", "50", "--duration-ms", "500");

            assertEquals(1, run.ofType("ready").size(), run.lines().toString());
            assertTrue(run.only("ready").get("waitedMs").asLong() < 1000, run.lines().toString());
            assertTrue(run.only("summary").get("responses").asLong() >= 20, run.lines().toString());
        }
    }

    @Test
    void aServiceThatNeverListensIsNotReadyAndGetsNoLoad() throws Exception {
        var run = AgentRun.of("load", "--port", Integer.toString(LoopbackHttp.closedPort()), "--ready-tcp",
                "--ready-timeout-ms", "400", "--rate", "50", "--duration-ms", "500", "--request", "GET", "/");

        assertEquals(List.of(0), run.exitCodes(), run.stderr());
        JsonNode notReady = run.only("not-ready");
        assertTrue(notReady.get("waitedMs").asLong() >= 300, notReady.toString());
        assertTrue(notReady.get("lastError").asText().startsWith(LoadRecorder.REFUSED), notReady.toString());
        assertEquals(List.of(), run.ofType("summary"), "no load without a ready service");
    }

    /** A server that accepts and resets each connection (SO_LINGER 0): no response, an I/O error. */
    @Test
    void aResetConnectionCountsAsIo() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread resetting = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket client = server.accept()) {
                        client.getInputStream().read();
                        client.setSoLinger(true, 0);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            resetting.setDaemon(true);
            resetting.start();
            var run = drive(server.getLocalPort(), "--rate", "20", "--connections", "2", "--duration-ms", "500");

            JsonNode summary = run.only("summary");
            assertEquals(summary.get("requests").asLong(), summary.get("errors").path(LoadRecorder.IO).asLong(), summary.toString());
        }
    }

    @Test
    void anErrorStatusCountsByItsCode() {
        try (var server = LoopbackHttp.server(2, exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        })) {
            var run = drive(server.port(), "--rate", "50", "--duration-ms", "500");

            JsonNode summary = run.only("summary");
            assertEquals(summary.get("requests").asLong(), summary.get("errors").path("http-500").asLong(), summary.toString());
            assertEquals(summary.get("offeredRate").asDouble(), summary.get("achievedRate").asDouble(), 1e-9, "a 500 is a response");
            assertEquals(0, summary.get("throughputPerSec").asDouble(), "but not a success");
            assertTrue(run.ofType("sample").stream().anyMatch(s -> s.get("errors").path("http-500").asLong() > 0));
        }
    }

    @Test
    void aSlowResponseCountsAsATimeout() {
        try (var server = LoopbackHttp.server(8, exchange -> {
            sleep(400);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        })) {
            var run = drive(server.port(), "--rate", "10", "--duration-ms", "500", "--timeout-ms", "100");

            JsonNode summary = run.only("summary");
            assertEquals(summary.get("requests").asLong(), summary.get("errors").path(LoadRecorder.TIMEOUT).asLong(), summary.toString());
            assertTrue(summary.get("latencyMs").get("p50").asDouble() >= 100, "a timeout took at least the timeout");
        }
    }

    /** How fast the driver can go on this machine: the closed model against the zero-work endpoint. */
    @Test
    void closedModelKeepsItsConnectionsBusy() {
        try (var service = ServeWorkload.Service.start(new WorkloadSpec.Serve(0, 4, 0, 0, false, 1000, 0))) {
            var run = drive(service.port(), "--connections", "8", "--warmup-ms", "500", "--duration-ms", "1500",
                    "--request", "GET", ServeWorkload.NOOP_PATH);

            JsonNode summary = run.only("summary");
            assertEquals("closed", summary.get("model").asText());
            assertEquals(0, summary.get("errorRatio").asDouble(), summary.toString());
            assertTrue(summary.get("throughputPerSec").asDouble() > 200, summary.toString());
            assertTrue(summary.get("driverLagMs").isNull(), "no schedule to lag behind");
        }
    }

    private static Histogram readLog(AgentRun run) {
        List<String> lines = run.ofType(HistogramLogLines.TYPE).stream().map(l -> l.get("line").asText()).toList();
        for (String line : lines.stream().filter(l -> l.startsWith("HIST", l.lastIndexOf(',') + 1)).toList()) {
            String[] fields = line.split(",");
            assertTrue(Double.parseDouble(fields[0]) >= 0 && Double.parseDouble(fields[1]) >= 0,
                    "intervals start at the window's start or later and last a while: " + line);
        }
        String log = String.join("\n", lines) + "\n";
        var reader = new HistogramLogReader(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
        Histogram total = new Histogram(3);
        for (var interval = reader.nextIntervalHistogram(); interval != null; interval = reader.nextIntervalHistogram()) {
            total.add((Histogram) interval);
        }
        return total;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms); // the server under test stalls on purpose
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
