package dev.limitlab.docker;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.exit.ExitException;

/** The engine refused a request or could not be reached; the message is one line for the user. */
public class EngineException extends ExitException {
    public EngineException(String message, Throwable cause) {
        super(ExitCode.TOOL_FAILURE, message, cause);
    }

    protected EngineException(ExitCode exitCode, String message, Throwable cause) {
        super(exitCode, message, cause);
    }

    public EngineException(String message) {
        super(ExitCode.TOOL_FAILURE, message);
    }
}
