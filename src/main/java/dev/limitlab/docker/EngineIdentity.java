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

    /**
     * Whether the engine places trials on nodes itself (a swarm): then parallel trials are not pinned to cpusets of
     * {@link #hostInfo}, which is the largest node, and each trial need only fit a node.
     */
    default boolean spreadsTrials() {
        return false;
    }
}
