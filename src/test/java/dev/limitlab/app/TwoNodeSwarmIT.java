package dev.limitlab.app;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.DockerEndpoint;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.NamespacePair;
import dev.limitlab.docker.PrivateDockerd;
import dev.limitlab.engine.AgentImage;
import dev.limitlab.engine.RunContext;
import dev.limitlab.engine.RunLocks;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.ScenarioLoader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A two-node swarm: two private dockerds, each in a network namespace of the test's, joined over a veth pair whose
 * addresses exist only inside those namespaces. Parallel trials go one per node, a constraint picks the node, and
 * nothing labelled limitlab.run is left on either node.
 */
class TwoNodeSwarmIT {
    private static final String SCENARIO = """
            name: two-nodes
            defaults: {duration: 3s}
            experiments:
              - name: cpu
                workload: {kind: cpu, threads: 1, load: 30}
                matrix: {cpus: [0.5, 0.6]}
            """;

    @Test
    void parallelTrialsGoOnePerNodeAndAConstraintPicksTheNode(@TempDir Path results) throws Exception {
        String image;
        try (DockerGateway shared = EngineConnection.open()) {
            image = new AgentImage(shared, Version.agentTag()).ensure(System.out::println);
        }
        List<String> namespaces;
        try (NamespacePair network = NamespacePair.create("swarm2");
             PrivateDockerd manager = PrivateDockerd.start("swarm2-manager", network.first());
             PrivateDockerd worker = PrivateDockerd.start("swarm2-worker", network.second())) {
            namespaces = List.of(network.first(), network.second());
            manager.load(image);
            worker.load(image);
            manager.swarmInit(network.firstAddress() + ":2377");
            worker.swarmJoin(manager, network.firstAddress() + ":2377", network.secondAddress() + ":2377");
            String workerId = manager.docker("node", "ls", "--filter", "role=worker", "-q").strip();
            manager.docker("node", "update", "--label-add", "type=c6", workerId);
            DockerEndpoint endpoint = new DockerEndpoint(manager.host(), "private swarm", List.of("private dockerd " + manager.host()));

            List<TrialResult> spread = run(results, endpoint, List.of(), 2);
            Set<String> nodes = spread.stream().map(t -> t.placement().nodeId()).collect(Collectors.toSet());
            assertEquals(2, nodes.size(), "two trials at once, one per node: " + spread);
            assertTrue(Duration.between(spread.get(0).startedAt(), spread.get(1).startedAt()).abs().toSeconds() < 3,
                    "side by side: " + spread);

            List<TrialResult> placed = run(results, endpoint, List.of("node.labels.type==c6"), 1);
            placed.forEach(t -> assertEquals(workerId, t.placement().nodeId(), "the constraint's node"));
            placed.forEach(t -> assertTrue(t.metrics().samples() > 10, "the worker's sampler measured it: " + t.metrics()));

            for (PrivateDockerd node : List.of(manager, worker)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                        node.docker("ps", "-aq", "--filter", "label=" + ContainerSpec.RUN_LABEL).isBlank());
            }
            assertTrue(manager.docker("service", "ls", "-q").isBlank(), "no service left");
        }
        for (String netns : namespaces) {
            assertFalse(NamespacePair.exists(netns), netns + " is gone");
        }
    }

    private static List<TrialResult> run(Path results, DockerEndpoint endpoint, List<String> constraints, int parallel)
            throws Exception {
        EngineChoice swarm = new EngineChoice(EngineChoice.Kind.SWARM, constraints);
        RunScenario.Outcome outcome = new RunScenario(() -> swarm.swarm(endpoint), RunLocks.system(), Clock.systemUTC())
                .run(ScenarioLoader.load("two-nodes.yaml", new StringReader(SCENARIO)),
                        new RunScenario.Settings(results, Duration.ofMillis(100), parallel, false, false, RunContext.EngineLock.WAIT),
                        new RunScenario.Listener() { });
        assertEquals(RunStatus.COMPLETE, outcome.run().status());
        outcome.run().trials().forEach(t -> assertNull(t.error(), "trial " + t.trial()));
        return outcome.run().trials();
    }
}
