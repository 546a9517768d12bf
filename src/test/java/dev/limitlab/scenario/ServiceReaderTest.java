package dev.limitlab.scenario;

import dev.limitlab.metrics.LoadMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kind: service}: the keys as the issue spells them, and one located line for each kind of bad input. */
class ServiceReaderTest {
    private static final String HEAD = "name: svc\nexperiments:\n  - name: web\n";

    private static Scenario load(String yaml) throws Exception {
        return ScenarioLoader.load("svc.yaml", new StringReader(yaml), 2);
    }

    @Test
    void readsTheIssuesExampleKeyByKey() throws Exception {
        Scenario scenario = load("""
                name: svc
                recommend: {latency-p99: 50ms, error-rate: 0.1%}
                experiments:
                  - name: web
                    workload:
                      kind: service
                      image: "my/app:1"
                      command: [serve, --port, "8080"]
                      port: 8080
                      ready: {http: /healthz, timeout: 60s}
                      tmpfs: [/tmp, /var/cache/app]
                      env: {JAVA_TOOL_OPTIONS: "-XX:+UseSerialGC"}
                      load:
                        rate: 200/s
                        requests: [{path: /api/items}, {method: POST, path: /api/items, body: '{"a":1}', headers: {Content-Type: application/json}}]
                        warmup: 5s
                        timeout: 2s
                    matrix: {cpus: [0.25, 0.5, 1.0]}
                    limits: {memory: 512m}
                """);
        Workload.Service service = (Workload.Service) scenario.experiments().get(0).workload();
        assertEquals("my/app:1", service.image());
        assertEquals(List.of("serve", "--port", "8080"), service.command());
        assertEquals(8080, service.port());
        assertEquals(new Workload.Readiness("/healthz", false, null, Duration.ofSeconds(60)), service.ready());
        assertEquals(List.of("/tmp", "/var/cache/app"), service.tmpfs());
        assertEquals(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC"), service.env());
        assertEquals(200L, service.load().ratePerSec());
        assertNull(service.load().connections());
        assertEquals(List.of(new Workload.Request("GET", "/api/items", "", Map.of()),
                new Workload.Request("POST", "/api/items", "{\"a\":1}", Map.of("Content-Type", "application/json"))),
                service.load().requests());
        assertEquals(Duration.ofSeconds(5), service.load().warmup());
        assertEquals(Duration.ofSeconds(2), service.load().timeout());
        assertEquals(Map.of(LoadMetrics.Percentile.P99, 50.0), scenario.recommend().latencyMs());
        assertEquals(0.001, scenario.recommend().errorRate(), 1e-12);
    }

    @Test
    void withoutAnImageTheBuiltInServiceRunsOnItsOwnPortAndHealthPath() throws Exception {
        Workload.Service service = (Workload.Service) load(HEAD + """
                    workload: {kind: service, work: 2ms, hold: 64k, load: {connections: 16, requests: [{path: /work}]}}
                """).experiments().get(0).workload();
        assertTrue(service.isBuiltIn());
        assertEquals(new Workload.BuiltInService(Duration.ofMillis(2), 64 << 10, 8), service.builtIn());
        assertEquals(8080, service.port());
        assertEquals("/healthz", service.ready().httpPath());
        assertNull(service.load().ratePerSec());
        assertEquals(16, service.load().connections());
    }

    static Stream<Arguments> badServices() {
        String service = HEAD + "    workload: {kind: service, image: app, %s}\n";
        String ok = "ready: {tcp: true}, load: {rate: 10, requests: [{path: /}]}";
        return Stream.of(
                Arguments.of(service.formatted("port: 70000, " + ok),
                        "svc.yaml:4:49: workload.port \"70000\" is not a port (expected a port from 1 to 65535, e.g. 8080)"),
                Arguments.of(service.formatted("port: 80, ready: {tcp: true}, load: {rate: 0/s, requests: [{path: /}]}"),
                        "svc.yaml:4:86: workload.load.rate \"0/s\" must be at least 1/s (expected requests per second of at least 1, e.g. 200/s)"),
                Arguments.of(HEAD + "    workload: {kind: cpu, load: {rate: 10/s, requests: [{path: /}]}}\n",
                        "svc.yaml:4:33: workload.load drives a service, not a cpu workload (expected kind: service with an image and a port, or no load)"),
                Arguments.of(service.formatted("port: 80, ready: {timeout: 5s}, load: {rate: 10, requests: [{path: /}]}"),
                        "svc.yaml:4:60: workload.ready names no way to tell the service is ready (expected one of {http: /healthz}, {tcp: true} or {log: \"Started .* in\"}, with an optional timeout)"),
                Arguments.of(service.formatted("port: 80, ready: {tcp: true}, load: {requests: [{path: /}]}"),
                        "svc.yaml:4:79: workload.load has neither rate nor connections (expected rate: 200/s for requests started at a fixed rate, or connections: 16 alone for that many requests always in flight)"),
                Arguments.of(service.formatted("port: 80, work: 2ms, " + ok),
                        "svc.yaml:4:59: workload.work configures the built-in service, not the image \"app\" (expected no image for the built-in service, or no work)"),
                Arguments.of(service.formatted("port: 80, ready: {tcp: true}, load: {rate: 10, requests: [{path: /, headers: {Host: x}}]}"),
                        "svc.yaml:4:127: workload.load.requests[0].headers.Host is not a header a request may set (expected a header name such as Content-Type; the driver sets connection, content-length, expect, host, upgrade, transfer-encoding itself)"),
                Arguments.of(service.formatted("ready: {tcp: true}, load: {rate: 10, requests: [{path: /}]}"),
                        "svc.yaml:4:15: workload is missing required key \"port\" (expected a port from 1 to 65535, e.g. 8080)"));
    }

    @ParameterizedTest
    @MethodSource("badServices")
    void badInputIsOneLocatedLine(String yaml, String expected) {
        ScenarioException error = assertThrows(ScenarioException.class, () -> load(yaml));
        assertEquals(expected, error.getMessage());
    }

    @Test
    void theShippedServiceScenarioLoads() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("scenarios/service.yaml"));
        assertTrue(((Workload.Service) scenario.experiments().get(0).workload()).isBuiltIn());
        assertEquals(50.0, scenario.recommend().latencyMs().get(LoadMetrics.Percentile.P99));
    }
}
