package dev.limitlab.regression;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.exit.ExitException;

/**
 * Bad input for a regression check or a baseline: a baseline file that is not one, one saved for another
 * scenario, or a run that cannot become a baseline. Its message is the one line the user sees.
 */
public final class BaselineException extends ExitException {
    public BaselineException(String message) {
        super(ExitCode.BAD_INPUT, message);
    }
}
