package dev.limitlab.exit;

/** The exit codes limitlab ends with; scripts and CI rely on their numbers. */
public enum ExitCode {
    OK(0),
    /** limitlab or the engine failed; also a trial the engine could not run. */
    TOOL_FAILURE(1),
    /** The input (scenario, baseline, run directory, option) is not what was expected: one line says where. */
    BAD_INPUT(2),
    NO_ENGINE(3),
    /** {@code check} found a regression. */
    REGRESSION(4),
    /** Another run holds the engine's lock and {@code --no-wait} was given: try again later. */
    ENGINE_BUSY(5),
    /** {@code check} found no regression, but the host was too busy to measure a checked figure even after reruns. */
    INCONCLUSIVE(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
