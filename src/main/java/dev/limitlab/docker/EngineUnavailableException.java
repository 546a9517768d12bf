package dev.limitlab.docker;

import dev.limitlab.exit.ExitCode;

/** No engine answers at the resolved endpoint (exit code 3). */
public final class EngineUnavailableException extends EngineException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(ExitCode.NO_ENGINE, message, cause);
    }
}
