package dev.limitlab.engine;

import dev.limitlab.docker.EngineResource;
import dev.limitlab.docker.InMemoryEngine;
import dev.limitlab.docker.InMemoryEngine.Behaviour;
import dev.limitlab.docker.LogLine;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.RawLog;
import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One trial against the in-memory engine: what the engine reports becomes the trial's result. */
class TrialRunnerTest {
    @TempDir
    Path results;

    private TrialResult runTrial(InMemoryEngine engine) throws Exception {
        return runTrial(engine, """
                name: one
                experiments:
                  - name: cpu
                    workload: {kind: cpu}
                    duration: 30s
                """);
    }

    private TrialResult runTrial(InMemoryEngine engine, String yaml) throws Exception {
        Scenario scenario = ScenarioLoader.load("one.yaml", new StringReader(yaml), 2);
        RunOptions options = RunOptions.defaults(results, "limitlab-agent:test", "test");
        try (RunContext context = RunContext.unlocked(engine, engine, new RunLocks(results), "run-", Clock.systemUTC());
             RawLog rawLog = new RawLog(results)) {
            return new TrialRunner(engine, context, options, rawLog, RunListener.NONE, Clock.systemUTC())
                    .run(TrialPlan.of(scenario).get(0), null);
        }
    }

    private static StatsSample sample(long cpuTotalNs) {
        return new StatsSample(Instant.now(), cpuTotalNs, 0, 0, 0, 1 << 20, null, 1 << 20, 1L, null, null);
    }

    @Test
    void aContainerThatExitsEndsItsTrialOnItsDeathNotAtTheDeadlineAndLeavesNothingBehind() throws Exception {
        InMemoryEngine engine = new InMemoryEngine().script(spec -> Behaviour.exits(3).sampling(sample(0), sample(1_000_000)));

        TrialResult result = runTrial(engine);

        assertNull(result.error());
        assertEquals(EndReason.EXITED, result.endReason());
        assertTrue(Duration.between(result.startedAt(), result.endedAt()).compareTo(Duration.ofSeconds(30)) < 0,
                "it ended when the container died");
        assertEquals(3, result.metrics().lastExitCode());
        assertEquals(Sampler.STATS, result.metrics().sampler());
        assertEquals(List.of(result.container()), engine.removed().stream().map(EngineResource::name).toList());
        assertEquals(0, engine.openStreams(), "both streams closed");
    }

    private static final String SERVICE = """
            name: svc
            experiments:
              - name: web
                workload:
                  kind: service
                  image: "app:1"
                  port: 8080
                  ready: {http: /healthz, timeout: 1s}
                  tmpfs: [/tmp]
                  env: {MODE: test}
                  load: {rate: 100/s, requests: [{path: /}]}
                limits: {cpus: 0.5}
                duration: 1s
            """;

    private static LogLine stdout(String json) {
        return new LogLine(LogLine.Stream.STDOUT, json);
    }

    @Test
    void aServiceIsLoadedFromItsOwnNetworkNamespaceOnItsOwnCpuAndItsDriversFiguresAreRecorded() throws Exception {
        long now = System.currentTimeMillis();
        InMemoryEngine engine = new InMemoryEngine().script(spec -> "load".equals(spec.labels().get(ServiceLoad.ROLE_LABEL))
                ? Behaviour.exits(0,
                        stdout("{\"type\":\"ready\",\"t\":" + now + ",\"waitedMs\":120}"),
                        stdout("{\"type\":\"hlog\",\"t\":" + now + ",\"line\":\"#[Histogram log format version 1.3]\"}"),
                        stdout("{\"type\":\"summary\",\"t\":" + now + ",\"model\":\"open\",\"connections\":64,"
                                + "\"requests\":100,\"offeredRate\":100.0,\"achievedRate\":99.5,\"errorRatio\":0.01,"
                                + "\"throughputPerSec\":98.5,\"errors\":{\"http-503\":1},\"latencyMs\":{\"p50\":1.5,\"p90\":3.0,"
                                + "\"p99\":9.5,\"p999\":12.0,\"max\":12.5},\"driverBehind\":false,\"driverLagMs\":{\"p99\":0.4},"
                                + "\"driverCpuMs\":250,\"driverResidentBytes\":104857600}"))
                : Behaviour.hangs());

        TrialResult result = runTrial(engine, SERVICE);

        assertNull(result.error());
        assertEquals(EndReason.DURATION, result.endReason());
        var specs = engine.created().values().stream().toList();
        assertEquals(2, specs.size(), "the service and its driver");
        var service = specs.get(0);
        var driver = specs.get(1);
        assertEquals("app:1", service.image());
        assertEquals(List.of(), service.command(), "the image's own command");
        assertEquals(java.util.Map.of("MODE", "test"), service.env());
        assertEquals(List.of("/tmp"), service.mounts().tmpfs());
        assertEquals("none", service.hardening().networkMode());
        String serviceId = engine.created().keySet().iterator().next();
        assertEquals("container:" + serviceId, driver.hardening().networkMode());
        assertEquals("0", service.cpuset(), "on a 2-CPU host the service gets CPU 0");
        assertEquals("1", driver.cpuset(), "and its driver CPU 1");
        assertEquals(service.labels().get("limitlab.run"), driver.labels().get("limitlab.run"));
        assertTrue(driver.command().containsAll(List.of("load", "--port", "8080", "--rate", "100", "--ready-http", "/healthz")),
                driver.command().toString());

        var load = result.metrics().load();
        assertEquals(99.5, load.achievedRate());
        assertEquals(9.5, load.latencyMs().p99());
        assertEquals(java.util.Map.of("http-503", 1L), load.errors());
        assertEquals(0.25, load.driverCpuSeconds());
        assertEquals("load-1.hlog", load.histogramLog());
        assertTrue(java.nio.file.Files.readString(results.resolve("load-1.hlog")).startsWith("#[Histogram log format"));
        assertTrue(result.metrics().service().ready());
        assertEquals(98.5, dev.limitlab.metrics.Metric.THROUGHPUT.of(result.metrics()), "a service's throughput is its successes/s");
        assertEquals(2, engine.removed().size(), "both containers removed");
    }

    @Test
    void aServiceThatNeverGetsReadyIsANotReadyResultWithItsLastLines() throws Exception {
        long now = System.currentTimeMillis();
        InMemoryEngine engine = new InMemoryEngine().script(spec -> "load".equals(spec.labels().get(ServiceLoad.ROLE_LABEL))
                ? Behaviour.exits(0, stdout("{\"type\":\"not-ready\",\"t\":" + now + ",\"waitedMs\":1000}"))
                : Behaviour.hangs(stdout("starting"), new LogLine(LogLine.Stream.STDERR, "error: cannot bind 8080")));

        TrialResult result = runTrial(engine, SERVICE);

        assertNull(result.error(), "not ready is a result, not a tool failure");
        assertEquals(EndReason.NOT_READY, result.endReason());
        assertEquals(false, result.metrics().service().ready());
        assertEquals(List.of("starting", "error: cannot bind 8080"), result.metrics().service().logTail());
        assertNull(result.metrics().load());
    }
}
