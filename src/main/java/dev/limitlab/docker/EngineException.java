package dev.limitlab.docker;

/** The engine refused a request or could not be reached; the message is one line for the user. */
public class EngineException extends RuntimeException {
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineException(String message) {
        super(message);
    }
}
