package dev.limitlab.cli;

import dev.limitlab.recommend.RecommendationText;
import dev.limitlab.report.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code limitlab recommend <run>}: balanced limits from a finished run, each number with its evidence. */
@Command(name = "recommend", description = "Print balanced limits, each with its evidence, from a run's results.")
final class RecommendCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN",
            description = "A run directory, its run.json, or a scenario's results directory (its latest run).")
    Path run;

    @Override
    public Integer call() throws Exception {
        return RunInputs.call(spec, () -> {
            RunDirectory directory = RunDirectory.load(run);
            PrintWriter out = spec.commandLine().getOut();
            out.println("run " + directory.run().runId() + " (" + directory.directory() + ")"
                    + (directory.recommendationStored() ? "" : ": run.json has no recommendation; made now with the default targets"));
            out.println();
            out.print(RecommendationText.render(directory.recommendation()));
            out.flush();
            return ExitCodes.OK;
        });
    }
}
