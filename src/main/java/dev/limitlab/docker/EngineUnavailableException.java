package dev.limitlab.docker;

/** No engine answers at the resolved endpoint (exit code 3). */
public final class EngineUnavailableException extends EngineException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
