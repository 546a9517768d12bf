package dev.limitlab.app;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.DockerJavaGateway;
import dev.limitlab.docker.EndpointResolver;

import java.util.function.Supplier;

/** Opens the engine found the way the docker CLI finds it, and checks that it answers. */
public final class EngineConnection {
    /** The engine of this host's environment ({@code DOCKER_HOST}, the docker context, the default socket). */
    public static final Supplier<DockerGateway> SYSTEM = EngineConnection::open;

    private EngineConnection() {
    }

    public static DockerGateway open() {
        return checked(new DockerJavaGateway(EndpointResolver.fromSystem().resolve()));
    }

    /** {@code gateway} once it answers; closed and the failure passed on when it does not. */
    static DockerGateway checked(DockerGateway gateway) {
        try {
            gateway.ping();
            return gateway;
        } catch (RuntimeException unavailable) {
            gateway.close();
            throw unavailable;
        }
    }
}
