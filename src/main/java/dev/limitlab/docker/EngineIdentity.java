package dev.limitlab.docker;

/** Which engine this is, where it is, and what its host and security features are. */
public interface EngineIdentity {
    /** Fails with {@link EngineUnavailableException} when no engine answers. Returns the engine's version. */
    String ping();

    DockerEndpoint endpoint();

    /** The engine host's CPU count and memory. */
    HostInfo hostInfo();

    /** The security features the engine applies to every container ({@code docker info}, SecurityOptions). */
    EngineSecurity security();
}
