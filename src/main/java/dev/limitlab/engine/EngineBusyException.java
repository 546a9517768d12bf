package dev.limitlab.engine;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.exit.ExitException;

/** Another run holds the engine's lock and the caller chose not to wait; the message is one line for the user. */
public final class EngineBusyException extends ExitException {
    public EngineBusyException(String message) {
        super(ExitCode.ENGINE_BUSY, message);
    }
}
