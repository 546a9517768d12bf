package dev.limitlab.report;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.exit.ExitException;

/** A path given as a run that is not one: missing, no run.json, or a run.json that does not parse. Bad input. */
public final class RunInputException extends ExitException {
    public RunInputException(String message) {
        super(ExitCode.BAD_INPUT, message);
    }
}
