package dev.limitlab.cli;

import dev.limitlab.report.RunDirectory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** A command that reads one finished run from disk ({@code recommend}, {@code report}); a path with no run is bad input. */
abstract class RunReadingCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN",
            description = "A run directory, its run.json, or a scenario's results directory (its latest run).")
    Path run;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int exit = execute(RunDirectory.load(run), out);
        out.flush();
        return exit;
    }

    abstract int execute(RunDirectory directory, PrintWriter out) throws Exception;
}
