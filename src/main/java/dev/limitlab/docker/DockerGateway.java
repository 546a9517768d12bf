package dev.limitlab.docker;

/**
 * A connection to a container engine: every role limitlab asks of it, and the connection's end. Code that opens an
 * engine holds this and closes it; the code it passes the engine to depends on the roles it uses. The one
 * implementation on docker-java is {@link DockerJavaGateway}; tests use an in-memory engine.
 */
public interface DockerGateway extends Containers, EngineStreams, Images, Inventory, Forensics, EngineIdentity, AutoCloseable {
    /**
     * This engine with its container calls going to {@code containers} (a decorator of this engine's, say),
     * everything else to this engine. Closing the result closes nothing: this engine is its opener's to close.
     */
    default DockerGateway withContainers(Containers containers) {
        return new ComposedGateway(containers, this, this, this, this, this);
    }

    @Override
    void close();
}
