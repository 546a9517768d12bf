package dev.limitlab.scenario;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.exit.ExitException;

/**
 * Bad input in a scenario file, located at file:line:column (1-based). Its message is the one line the
 * user sees, for example {@code scenarios/x.yaml:7:12: memory "12XB" is not a size (examples: 512m, 2g)}.
 */
public final class ScenarioException extends ExitException {
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public ScenarioException(String file, int line, int column, String problem) {
        super(ExitCode.BAD_INPUT, file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    public String problem() { return problem; }
}
