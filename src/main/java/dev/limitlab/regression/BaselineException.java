package dev.limitlab.regression;

/**
 * Bad input for a regression check or a baseline: a baseline file that is not one, one saved for another
 * scenario, or a run that cannot become a baseline. Its message is the one line the user sees.
 */
public final class BaselineException extends Exception {
    public BaselineException(String message) {
        super(message);
    }
}
