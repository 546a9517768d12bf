package dev.limitlab.engine;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.exit.ExitException;

/**
 * A scenario that cannot run on this engine as asked (e.g. a trial that does not fit the host, a missing
 * image): bad input, found before any container starts. The message is one line.
 */
public final class PreflightException extends ExitException {
    public PreflightException(String message) {
        super(ExitCode.BAD_INPUT, message);
    }
}
