package dev.limitlab.engine;

import dev.limitlab.docker.HostInfo;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreflightTest {
    private static final HostInfo TWO_CPUS_4G = new HostInfo(2, 4L << 30);

    private static Scenario scenario(String yaml) throws Exception {
        return ScenarioLoader.load("s.yaml", new StringReader(yaml));
    }

    @Test
    void parallelSlotsSplitTheHostsCpusEvenly() {
        assertEquals(List.of("0", "1"), Preflight.cpusets(2, 2));
        assertEquals(List.of("0-1", "2-3"), Preflight.cpusets(4, 2));
        assertEquals(List.of("0-2", "3-5"), Preflight.cpusets(7, 2), "a leftover CPU stays unused rather than unequal slots");
        assertEquals(Arrays.asList((String) null), Preflight.cpusets(2, 1), "one at a time: not pinned");
        assertThrows(PreflightException.class, () -> Preflight.cpusets(2, 3));
    }

    @Test
    void aTrialThatDoesNotFitItsSlotIsRefusedBeforeAnythingStarts() throws Exception {
        Scenario s = scenario("name: s\nexperiments:\n  - name: cpu\n    workload: {kind: cpu}\n    matrix: {cpus: [0.5, 1.5]}\n");
        Preflight.check(s, TrialPlan.of(s), TWO_CPUS_4G, 1, false, image -> true);
        PreflightException refused = assertThrows(PreflightException.class,
                () -> Preflight.check(s, TrialPlan.of(s), TWO_CPUS_4G, 2, false, image -> true));
        assertTrue(refused.getMessage().contains("cpus 1.5 does not fit a slot of 1 CPU(s) with --parallel 2"), refused.getMessage());
    }

    @Test
    void aMemoryWorkloadWithoutAMemoryLimitIsRefusedUnlessAllowed() throws Exception {
        Scenario s = scenario("name: s\nexperiments:\n  - name: mem\n    workload: {kind: memory, target: 100m}\n");
        PreflightException refused = assertThrows(PreflightException.class,
                () -> Preflight.check(s, TrialPlan.of(s), TWO_CPUS_4G, 1, false, image -> true));
        assertTrue(refused.getMessage().contains("--allow-unbounded"), refused.getMessage());
        Preflight.check(s, TrialPlan.of(s), TWO_CPUS_4G, 1, true, image -> true);
    }

    @Test
    void anImageThatIsNotOnTheEngineIsRefusedForThereIsNoRegistryToPullFrom() throws Exception {
        Scenario s = scenario("name: s\nexperiments:\n  - name: mine\n    workload: {kind: command, image: \"my/app:1\", command: [run]}\n");
        PreflightException refused = assertThrows(PreflightException.class,
                () -> Preflight.check(s, TrialPlan.of(s), TWO_CPUS_4G, 1, false, image -> false));
        assertTrue(refused.getMessage().contains("image \"my/app:1\" is not on the engine, and limitlab never pulls"), refused.getMessage());
    }

    @Test
    void parallelTrialsMustFitTheHostsMemoryTogether() throws Exception {
        Scenario s = scenario("name: s\nexperiments:\n  - name: mem\n    workload: {kind: memory, target: 100m}\n    matrix: {memory: [3g, 2g, 1g]}\n");
        Preflight.check(s, TrialPlan.of(s), TWO_CPUS_4G, 1, false, image -> true);
        PreflightException refused = assertThrows(PreflightException.class,
                () -> Preflight.check(s, TrialPlan.of(s), TWO_CPUS_4G, 2, false, image -> true));
        assertTrue(refused.getMessage().contains("add up to 5g"), refused.getMessage());
    }

    @Test
    void aServicesImageMustBeOnTheEngineButTheBuiltInServiceNeedsNone() throws Exception {
        Scenario mine = scenario("name: s\nexperiments:\n  - name: web\n    workload: {kind: service, image: \"my/web:2\", port: 80,"
                + " ready: {tcp: true}, load: {rate: 10, requests: [{path: /}]}}\n");
        PreflightException refused = assertThrows(PreflightException.class,
                () -> Preflight.check(mine, TrialPlan.of(mine), TWO_CPUS_4G, 1, false, image -> false));
        assertTrue(refused.getMessage().contains("experiment \"web\": image \"my/web:2\" is not on the engine"), refused.getMessage());
        Scenario builtIn = scenario("name: s\nexperiments:\n  - name: web\n    workload: {kind: service, load: {rate: 10, requests: [{path: /}]}}\n");
        Preflight.check(builtIn, TrialPlan.of(builtIn), TWO_CPUS_4G, 1, false, image -> false);
    }
}
