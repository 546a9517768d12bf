package dev.limitlab.docker;

/**
 * The engine created the container but refused to start it, e.g. "unable to find user wadexu" or an
 * executable missing from the image: a result of the container's configuration, not an engine failure.
 */
public final class ContainerStartException extends EngineException {
    public ContainerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
