package dev.limitlab.cli;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.DockerJavaGateway;
import dev.limitlab.docker.EndpointResolver;

/** Opens the gateway to the engine found the way the docker CLI finds it, and checks that it answers. */
final class EngineConnection {
    private EngineConnection() {
    }

    static DockerGateway open() {
        DockerGateway gateway = new DockerJavaGateway(EndpointResolver.fromSystem().resolve());
        try {
            gateway.ping();
            return gateway;
        } catch (RuntimeException unavailable) {
            gateway.close();
            throw unavailable;
        }
    }
}
