package dev.limitlab.cli;

import dev.limitlab.report.RunInputException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** For the commands that read runs from disk: a path that holds no run is bad input, told in one line. */
final class RunInputs {
    private RunInputs() {
    }

    static int call(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (RunInputException notARun) {
            return badInput(spec, notARun.getMessage());
        }
    }

    static int badInput(CommandSpec spec, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + message);
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
