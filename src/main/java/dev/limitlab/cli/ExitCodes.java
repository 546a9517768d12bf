package dev.limitlab.cli;

/** The exit codes limitlab ends with; scripts and CI rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int TOOL_FAILURE = 1;
    public static final int BAD_INPUT = 2;
    public static final int NO_ENGINE = 3;
    public static final int REGRESSION = 4;
    /** Another run holds the engine's lock and {@code --no-wait} was given: try again later. */
    public static final int ENGINE_BUSY = 5;

    private ExitCodes() {
    }
}
