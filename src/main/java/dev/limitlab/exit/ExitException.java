package dev.limitlab.exit;

import java.nio.file.NoSuchFileException;

/**
 * The one way a command ends early: a one-line message for the user and the exit code it ends with. Every
 * failure limitlab foresees (bad input, no engine, a busy engine, an engine that refused) is one of these, or a
 * subclass that keeps its own name for the code that catches it; anything else is a tool failure.
 */
public class ExitException extends RuntimeException {
    private final ExitCode exitCode;

    public ExitException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static ExitException badInput(String message) {
        return new ExitException(ExitCode.BAD_INPUT, message);
    }

    /**
     * What any failure means for the user: itself when it is an {@code ExitException}; a missing file is bad
     * input; anything else a tool failure, its message prefixed by its type since nobody wrote it for the user.
     */
    public static ExitException of(Throwable failure) {
        if (failure instanceof ExitException known) {
            return known;
        }
        if (failure instanceof NoSuchFileException missing) {
            return new ExitException(ExitCode.BAD_INPUT, "no such file: " + missing.getFile(), missing);
        }
        String message = failure.getMessage();
        return new ExitException(ExitCode.TOOL_FAILURE,
                failure.getClass().getSimpleName() + (message == null ? "" : ": " + message), failure);
    }
}
