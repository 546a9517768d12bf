package dev.limitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.DockerJavaGateway;
import dev.limitlab.docker.EndpointResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.awaitility.core.ConditionTimeoutException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Isolation experiments against the real engine (issue 16's done-when): a one-thread CPU victim beside a fork bomb, a
 * CPU hog and a memory hog on the same CPU, one run of the CLI with phases of a few seconds. Shares are compared
 * with each other and with the target, never as absolute ops/s: the host is shared.
 */
class IsolationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCENARIO = """
            name: isolation-it
            defaults: {duration: 4s}
            experiments:
              - name: fork-bomb
                isolation:
                  victim: {workload: {kind: cpu, threads: 1}, limits: {cpus: 1.0}}
                  aggressor:
                    workload: {kind: fork-bomb}
                    limits: {memory: 64m, pids-limit: 64}
                    matrix: {cpus: [0.2, 1.0]}
                  cpuset: "0"
                  target: 0.7
              - name: cpu-hog
                isolation:
                  victim: {workload: {kind: cpu, threads: 1}, limits: {cpus: 1.0}}
                  aggressor:
                    workload: {kind: cpu-hog, threads: 4}
                    limits: {memory: 64m}
                    matrix: {cpus: [0.2, 1.0]}
                  cpuset: "0"
                  target: 0.7
              - name: memory-hog
                duration: 6s                  # the hog's JVM starts and fills 128m in about 2 s: most of the phase is after
                isolation:
                  victim: {workload: {kind: cpu, threads: 1}, limits: {cpus: 1.0}}
                  aggressor: {workload: {kind: memory-hog, rate: 500m/s}, limits: {memory: 128m}}
                  cpuset: "0"
                  target: 0.9
            """;
    /** "Clearly lower": a whole core beside the victim leaves it about half, a fifth of a core about four fifths. */
    private static final double CLEARLY = 0.15;

    @TempDir
    static Path results;
    private static JsonNode run;

    /**
     * The victim's share at aggressor cpus 0.2 is about 1 - 0.2 / (the victim's slice of its CPU alone): a host whose
     * other processes already take a third of that CPU leaves it about 0.7. So the run waits, for a bounded time, for
     * the host's load to fall to about two busy processes per core; if it does not, it runs all the same.
     */
    private static void awaitAQuieterHost() {
        double bound = 2.5 * Runtime.getRuntime().availableProcessors();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(5)).until(() -> load() <= bound);
        } catch (ConditionTimeoutException stillBusy) {
            System.out.println("IsolationIT: host load " + load() + " still above " + bound + " after 90 s: running anyway");
        }
    }

    private static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    /** Below this much of its one core alone, the host's other processes took the victim's CPU under the measurement. */
    private static final double VICTIM_HAD_ITS_CPU = 0.85;
    /** More than this much of a core lost by the victim beside the aggressor went to neither of them. */
    private static final double LOST_ELSEWHERE = 0.1;

    @BeforeAll
    static void runTheExperiments() throws Exception {
        awaitAQuieterHost();
        run = runOnce("first");
        List<String> busy = busyConfigurations(run);
        if (!busy.isEmpty()) {
            // a host that takes the victim's CPU is not the experiment: measure once more, never more
            System.out.println("IsolationIT: the host took the victim's CPU in " + busy + ": running once more");
            run = runOnce("second");
        }
        for (JsonNode isolation : run.get("isolation")) {
            for (JsonNode c : isolation.get("configurations")) {
                System.out.println("IsolationIT: " + isolation.get("experiment").asText() + " " + c.get("aggressorLimits")
                        + " share " + c.get("victimShare") + ", victim cores " + c.get("victimCoresBefore") + " -> "
                        + c.get("victimCoresWithAggressor") + ", containment " + c.get("containment") + ", host " + c.get("host"));
            }
        }
    }

    private static JsonNode runOnce(String name) throws Exception {
        Path directory = Files.createDirectories(results.resolve(name));
        Path scenario = directory.resolve("isolation-it.yaml");
        Files.writeString(scenario, SCENARIO);
        CliRun cli = CliRun.of("run", scenario.toString(), "--results", directory.resolve("out").toString(), "--no-confirm");
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        try (Stream<Path> files = Files.walk(directory.resolve("out"))) {
            return JSON.readTree(files.filter(f -> f.getFileName().toString().equals("run.json")).findFirst().orElseThrow().toFile());
        }
    }

    /**
     * The configurations the host disturbed: the victim, alone, used less than {@link #VICTIM_HAD_ITS_CPU} of its core,
     * or beside the aggressor it lost more CPU than the aggressor used (by {@link #LOST_ELSEWHERE}): then the host's
     * other processes took it, and the share measures them rather than the aggressor.
     */
    private static List<String> busyConfigurations(JsonNode run) {
        List<String> busy = new java.util.ArrayList<>();
        for (JsonNode isolation : run.get("isolation")) {
            for (JsonNode configuration : isolation.get("configurations")) {
                JsonNode before = configuration.get("victimCoresBefore");
                JsonNode with = configuration.get("victimCoresWithAggressor");
                JsonNode aggressor = configuration.path("containment").get("cpuCores");
                if (before == null || !before.isNumber()) {
                    continue;
                }
                boolean lostElsewhere = with != null && with.isNumber() && aggressor != null && aggressor.isNumber()
                        && before.asDouble() - with.asDouble() - aggressor.asDouble() > LOST_ELSEWHERE;
                if (before.asDouble() < VICTIM_HAD_ITS_CPU || lostElsewhere) {
                    busy.add(isolation.get("experiment").asText() + " #" + configuration.get("index") + " (victim cores "
                            + before.asText() + " -> " + (with == null ? "?" : with.asText()) + ", aggressor " + aggressor + ")");
                }
            }
        }
        return busy;
    }

    private static JsonNode experiment(String name) {
        for (JsonNode isolation : run.get("isolation")) {
            if (isolation.get("experiment").asText().equals(name)) {
                return isolation;
            }
        }
        throw new AssertionError("no isolation experiment " + name + " in " + run.get("isolation"));
    }

    /** The configuration at aggressor {@code cpus}, measured (no error, both figures there). */
    private static JsonNode at(JsonNode experiment, double cpus) {
        for (JsonNode configuration : experiment.get("configurations")) {
            if (configuration.get("aggressorLimits").get("cpus").asDouble() == cpus) {
                assertTrue(configuration.get("error").isNull(), configuration.toString());
                assertTrue(configuration.hasNonNull("victimShare"), configuration.toString());
                return configuration;
            }
        }
        throw new AssertionError("no configuration at cpus=" + cpus + " in " + experiment);
    }

    private static double share(JsonNode configuration) {
        return configuration.get("victimShare").asDouble();
    }

    @Test
    void aForkBombIsHeldAtItsPidsLimitButOnlyItsCpuLimitProtectsTheNeighbour() {
        JsonNode bomb = experiment("fork-bomb");
        for (JsonNode configuration : List.of(at(bomb, 0.2), at(bomb, 1.0))) {
            JsonNode held = configuration.get("containment");
            assertTrue(held.get("pidsPeak").asLong() <= 64 && held.get("pidsPeak").asLong() > 1, held.toString());
            assertTrue(held.get("pidsRefused").asLong() > 0, "the kernel's refusals are counted: " + held);
            assertTrue(held.get("threadStartsRefused").asLong() > 0, "the bomb's own count: " + held);
            JsonNode host = configuration.get("host");
            assertTrue(host.get("tasksBounded").asBoolean(), "the host's tasks stayed within the bound: " + host);
        }
        JsonNode fifth = at(bomb, 0.2);
        JsonNode whole = at(bomb, 1.0);
        // the refused starts cost CPU, but inside the aggressor's own quota
        assertTrue(fifth.get("containment").get("cpuCores").asDouble() <= 0.2 * 1.1, fifth.get("containment").toString());
        assertTrue(share(fifth) >= 0.7, "at a fifth of a core the victim keeps its share: " + fifth);
        assertTrue(share(whole) < 0.7 && share(whole) <= share(fifth) - CLEARLY,
                "a bomb that keeps retrying competes for the CPU: " + share(whole) + " vs " + share(fifth));
        assertEquals(0.2, bomb.get("recommendation").get("limits").get("cpus").asDouble(), bomb.get("recommendation").toString());
    }

    @Test
    void aCpuHogAtAWholeCoreTakesClearlyMoreThanAtAFifthAndTheRecommendationKeepsTheTarget() {
        JsonNode hog = experiment("cpu-hog");
        assertTrue(share(at(hog, 1.0)) <= share(at(hog, 0.2)) - CLEARLY, hog.get("configurations").toString());
        JsonNode recommended = hog.get("recommendation").get("limits");
        assertNotNull(recommended, hog.get("recommendation").toString());
        assertTrue(share(at(hog, recommended.get("cpus").asDouble())) >= hog.get("target").asDouble(), hog.toString());
    }

    @Test
    void aMemoryHogIsOomKilledWhileTheVictimKeepsItsShareAndTheHostItsMemory() {
        JsonNode configuration = experiment("memory-hog").get("configurations").get(0);
        assertTrue(configuration.get("error").isNull(), configuration.toString());
        assertTrue(configuration.get("containment").get("oomKills").asInt() >= 1, configuration.get("containment").toString());
        assertTrue(share(configuration) >= 0.9, configuration.toString());
        JsonNode host = configuration.get("host");
        assertTrue(host.get("lowestFreeMemoryBytes").asLong() > host.get("memoryFloorBytes").asLong(), host.toString());
        assertNull(configuration.get("hostGuard").textValue(), "the host guard did not have to fire");
    }

    @Test
    void nothingIsLeftBehind() throws Exception {
        try (DockerGateway gateway = new DockerJavaGateway(EndpointResolver.fromSystem().resolve())) {
            assertEquals(List.of(), gateway.containersLabelled("limitlab.run", run.get("runId").asText()));
        }
    }
}
