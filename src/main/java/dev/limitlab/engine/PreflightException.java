package dev.limitlab.engine;

/**
 * A scenario that cannot run on this engine as asked (e.g. a trial that does not fit the host, a missing
 * image): bad input, found before any container starts. The message is one line.
 */
public final class PreflightException extends RuntimeException {
    public PreflightException(String message) {
        super(message);
    }
}
