package dev.limitlab.engine;

/** Another run holds the engine's lock and the caller chose not to wait; the message is one line for the user. */
public final class EngineBusyException extends RuntimeException {
    public EngineBusyException(String message) {
        super(message);
    }
}
