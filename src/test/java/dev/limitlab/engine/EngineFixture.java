package dev.limitlab.engine;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.DockerJavaGateway;
import dev.limitlab.docker.EndpointResolver;

/** The real engine for integration tests, found as the CLI finds it, with the agent image built once. */
final class EngineFixture {
    static final String VERSION = "it";
    private static String image;

    private EngineFixture() {
    }

    static DockerGateway gateway() {
        DockerGateway gateway = new DockerJavaGateway(EndpointResolver.fromSystem().resolve());
        gateway.ping();
        return gateway;
    }

    static synchronized String agentImage(DockerGateway gateway) {
        if (image == null) {
            image = new AgentImage(gateway, VERSION).ensure(System.out::println);
        }
        return image;
    }
}
