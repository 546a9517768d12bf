package dev.limitlab.engine;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.DockerJavaGateway;
import dev.limitlab.docker.EndpointResolver;

/** The real engine for integration tests, found as the CLI finds it, with the agent image built once. */
final class EngineFixture {
    // The tag can be set apart (-Dlimitlab.agent.tag) like the CLI's, for builds side by side on one engine.
    static final String VERSION = System.getProperty("limitlab.agent.tag", "it");
    private static String image;

    private EngineFixture() {
    }

    static DockerGateway gateway() {
        DockerGateway gateway = new DockerJavaGateway(EndpointResolver.fromSystem().resolve());
        gateway.ping();
        return gateway;
    }

    /** Runs a scenario given as YAML text through the engine's runner, as {@code run} does, with no confirmation. */
    static ScenarioRunner.Outcome run(String yaml, java.nio.file.Path results) throws Exception {
        dev.limitlab.scenario.Scenario scenario = dev.limitlab.scenario.ScenarioLoader.load("it.yaml", new java.io.StringReader(yaml));
        try (DockerGateway gateway = gateway()) {
            return new ScenarioRunner(gateway, RunOptions.defaults(results, agentImage(gateway), VERSION), RunListener.NONE,
                    java.time.Clock.systemUTC()).run(scenario);
        }
    }

    /** The {@code index}-th trial (0-based) of an experiment. */
    static dev.limitlab.metrics.TrialResult trial(ScenarioRunner.Outcome outcome, String experiment, int index) {
        return outcome.run().trials().stream().filter(t -> t.experiment().equals(experiment)).skip(index).findFirst().orElseThrow();
    }

    static synchronized String agentImage(DockerGateway gateway) {
        if (image == null) {
            image = new AgentImage(gateway, VERSION).ensure(System.out::println);
        }
        return image;
    }
}
