package dev.limitlab.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolationBlockTest {
    private static final long MIB = 1L << 20;
    private static final String VICTIM = "      victim: {workload: {kind: cpu, threads: 1}, limits: {cpus: 1.0}}\n";
    private static final String AGGRESSOR = "      aggressor: {workload: {kind: cpu-hog, threads: 4}, limits: {memory: 64m}}\n";

    private static Scenario load(String isolation) throws Exception {
        return ScenarioLoader.load("s.yaml", new StringReader("name: s\nexperiments:\n  - name: iso\n    isolation:\n" + isolation), 2);
    }

    @Test
    void readsTheExperimentAsTheIssueSpellsIt() throws Exception {
        Experiment experiment = ScenarioLoader.load("s.yaml", new StringReader("""
                name: s
                experiments:
                  - name: fork-bomb
                    isolation:
                      victim:
                        workload: {kind: cpu, threads: 1}
                        limits: {cpus: 1.0}
                      aggressor:
                        workload: {kind: fork-bomb}
                        limits: {memory: 64m, pids-limit: 64}
                        matrix: {cpus: [0.2, 1.0]}
                      cpuset: "0"
                      target: 0.9
                """), 2).experiments().get(0);

        Isolation isolation = experiment.isolation().orElseThrow();
        assertEquals(new Workload.Cpu(1, 100, Duration.ofMillis(10)), isolation.victim().workload());
        assertEquals(1.0, isolation.victim().limits().cpus());
        assertEquals("fork-bomb", isolation.aggressor().kind());
        assertEquals(new Workload.ForkBomb(), isolation.aggressor().workload());
        List<Limits> configurations = isolation.aggressor().configurations();
        assertEquals(List.of(0.2, 1.0), configurations.stream().map(Limits::cpus).toList());
        configurations.forEach(limits -> {
            assertEquals(64 * MIB, limits.memory());
            assertEquals(64 * MIB, limits.memorySwapBytes(), "no swap unless set: a sure OOM kill");
            assertEquals(64L, limits.pidsLimit());
        });
        assertEquals(Optional.of("0"), isolation.cpuset());
        assertEquals(0.9, isolation.target());
        assertEquals(Isolation.DEFAULT_HOST_MEMORY_FLOOR, isolation.hostMemoryFloor());
        assertEquals(Duration.ofSeconds(10), experiment.duration(), "each phase lasts the experiment's duration");
        assertTrue(experiment.timeout().compareTo(experiment.duration().multipliedBy(3)) > 0, "bounded, with time for three phases");
    }

    @Test
    void readsTheHogs() throws Exception {
        Isolation memory = load(VICTIM + "      aggressor: {workload: {kind: memory-hog, rate: 500m/s}, limits: {memory: 128m}}\n")
                .experiments().get(0).isolation().orElseThrow();
        Workload.Memory hog = (Workload.Memory) memory.aggressor().workload();
        assertTrue(hog.leak(), "no cap: grows until killed");
        assertEquals(500 * MIB, hog.rateBytesPerSecond());

        Isolation cpu = load(VICTIM + AGGRESSOR).experiments().get(0).isolation().orElseThrow();
        assertEquals(new Workload.Cpu(4, 100, Duration.ofMillis(10)), cpu.aggressor().workload());
        assertEquals(Isolation.DEFAULT_TARGET, cpu.target());
        assertEquals(Optional.empty(), cpu.cpuset());
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(AGGRESSOR, "s.yaml:5:7: isolation is missing required key \"victim\""),
                Arguments.of(VICTIM, "s.yaml:5:7: isolation is missing required key \"aggressor\""),
                Arguments.of("      victim: {workload: {kind: memory, target: 64m}}\n" + AGGRESSOR,
                        "s.yaml:5:26: isolation.victim.workload kind memory has no throughput or latency figure over time to compare (expected kind: cpu or service)"),
                Arguments.of(VICTIM + AGGRESSOR + "      cpuset: \"3\"\n",
                        "s.yaml:7:15: isolation.cpuset \"3\" names CPU 3, outside this host's CPUs 0 to 1"),
                Arguments.of(VICTIM + AGGRESSOR + "      target: 0\n", "s.yaml:7:15: isolation.target \"0\" is out of range"),
                Arguments.of(VICTIM + AGGRESSOR + "      target: 1.5\n", "s.yaml:7:15: isolation.target \"1.5\" is out of range"),
                Arguments.of(VICTIM + "      aggressor: {workload: {kind: fork-bomb}, limits: {memory: 64m}}\n",
                        "isolation.aggressor.limits has no pids-limit: a fork-bomb is refused without one"),
                Arguments.of(VICTIM + "      aggressor: {workload: {kind: cpu-hog}, limits: {cpus: 1}}\n",
                        "isolation.aggressor.limits has no memory: an aggressor never runs without a memory limit"),
                Arguments.of(VICTIM + "      aggressor: {workload: {kind: rm-rf}, limits: {memory: 64m}}\n",
                        "isolation.aggressor.workload.kind \"rm-rf\" is not a known aggressor kind"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void refusesBadInputOnOneLine(String isolation, String expected) {
        ScenarioException error = assertThrows(ScenarioException.class, () -> load(isolation));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().startsWith("s.yaml:"), error.getMessage());
        assertEquals(1, error.getMessage().lines().count(), "one line");
    }

    @Test
    void anIsolationExperimentTakesItsWorkloadsFromTheVictimAndTheAggressor() {
        ScenarioException error = assertThrows(ScenarioException.class, () -> load(VICTIM + AGGRESSOR + "    workload: {kind: cpu}\n"));
        assertTrue(error.getMessage().startsWith("s.yaml:7:5: unknown key \"workload\" in an isolation experiment"), error.getMessage());
    }
}
