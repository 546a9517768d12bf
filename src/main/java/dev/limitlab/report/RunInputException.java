package dev.limitlab.report;

/** A path given as a run that is not one: missing, no run.json, or a run.json that does not parse. Bad input. */
public final class RunInputException extends RuntimeException {
    public RunInputException(String message) {
        super(message);
    }
}
